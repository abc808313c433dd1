#pragma once

// The files of a token directory and their JSON forms:
//   token.json         identity, PIN counter, scrypt parameters and the wrapped DEK
//   keys/<idhex>.json  one private key, its PKCS#8 DER encrypted under the DEK
//   certs/<idhex>.der  one certificate; certs/<idhex>.json holds its label
// Parsing validates every field; a damaged file gives StoreError(CRT_ERR_DEVICE) naming it.

#include "crypto.hpp"

#include <certrenew/token_driver.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace certrenew::softtoken {

inline constexpr int kFormatVersion = 1;
inline constexpr const char* kTokenFileName = "token.json";
inline constexpr const char* kKeysDirName = "keys";
inline constexpr const char* kCertsDirName = "certs";
inline constexpr const char* kManufacturer = "CertRenew";
inline constexpr const char* kModel = "softtoken";
inline constexpr std::size_t kMaxTextBytes = 127;  // CRT_TEXT_MAX without the NUL
inline constexpr std::size_t kPinMinLen = 4;
inline constexpr std::size_t kPinMaxLen = 64;
inline constexpr int kMaxRetriesLimit = 100;

struct TokenMeta {
  std::string serial;
  std::string label;
  int retries_max = 0;
  int retries_left = 0;
  ScryptParams kdf;
  SealedBox wrapped_dek;  // AES-256-GCM under the PIN-derived KEK
};

struct KeyRecord {
  std::vector<std::uint8_t> id;
  std::uint32_t key_type = 0;  // CRT_KEY_*
  std::uint32_t bits = 0;
  std::string label;
  std::vector<std::uint8_t> spki;  // DER SubjectPublicKeyInfo
  SealedBox private_key;           // PKCS#8 DER under the DEK
  // An SM2 encryption pair delivered in a digital envelope (dual certificates) is stored with
  // "usage": "encryption" and the id of the signing key it was imported next to ("signing_key");
  // a signing key's file has neither field (so files of older versions read unchanged).
  std::uint32_t usage = CRT_USAGE_SIGNING;
  std::vector<std::uint8_t> signing_key;
};

std::vector<std::uint8_t> serialize_meta(const TokenMeta& meta);
TokenMeta parse_meta(std::span<const std::uint8_t> json, const std::filesystem::path& origin);

std::vector<std::uint8_t> serialize_key(const KeyRecord& key);
KeyRecord parse_key(std::span<const std::uint8_t> json, const std::filesystem::path& origin);

std::vector<std::uint8_t> serialize_cert_label(const std::string& label);
std::string parse_cert_label(std::span<const std::uint8_t> json,
                             const std::filesystem::path& origin);

// What the GCM tags authenticate besides the ciphertext, so a wrapped DEK or key cannot be moved
// to another token or another key id unnoticed.
std::string dek_aad(const std::string& serial);
std::string key_aad(const std::vector<std::uint8_t>& id);

// Text rules shared by the store and the driver.
bool valid_serial(const std::string& serial);  // 1..127 printable ASCII, no space
bool valid_label(const std::string& label);    // 0..127 bytes, no NUL or control character

}  // namespace certrenew::softtoken
