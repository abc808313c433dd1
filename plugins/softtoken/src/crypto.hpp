#pragma once

// The symmetric cryptography of the token: random bytes, scrypt (PIN -> key-encryption key) and
// AES-256-GCM (KEK wraps the data-encryption key; DEK encrypts each private key).

#include "secret.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace certrenew::softtoken {

inline constexpr std::size_t kAesKeySize = 32;
inline constexpr std::size_t kGcmNonceSize = 12;
inline constexpr std::size_t kGcmTagSize = 16;

std::vector<std::uint8_t> random_bytes(std::size_t count);
Secret random_secret(std::size_t count);

struct ScryptParams {
  std::uint64_t n = 0;  // CPU/memory cost, a power of two
  std::uint32_t r = 0;  // block size
  std::uint32_t p = 0;  // parallelism
  std::vector<std::uint8_t> salt;
};

// Whether the parameters are within the bounds we accept from a token file: a damaged or hostile
// token.json must not make a login take minutes or gigabytes.
bool scrypt_params_acceptable(const ScryptParams& params);
Secret scrypt_derive(std::span<const std::uint8_t> pin, const ScryptParams& params);

// AES-256-GCM output: what goes into the token files.
struct SealedBox {
  std::vector<std::uint8_t> nonce;  // 12 bytes, random per encryption
  std::vector<std::uint8_t> ciphertext;
  std::vector<std::uint8_t> tag;  // 16 bytes
};

SealedBox gcm_seal(std::span<const std::uint8_t> key, std::span<const std::uint8_t> plaintext,
                   std::span<const std::uint8_t> aad);
// nullopt when the tag does not verify: wrong key (wrong PIN) or altered data.
std::optional<Secret> gcm_open(std::span<const std::uint8_t> key, const SealedBox& box,
                               std::span<const std::uint8_t> aad);

std::vector<std::uint8_t> sha1(std::span<const std::uint8_t> data);

inline std::span<const std::uint8_t> as_bytes(const std::string& text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

}  // namespace certrenew::softtoken
