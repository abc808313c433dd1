#pragma once
// Helpers shared by the plugin host tests: environment overrides, copying drivers into search
// directories, and verifying signatures with OpenSSL.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "certrenew/core/bytes.hpp"
#include "certrenew/core/signer.hpp"
#include "certrenew/core/token/token_error.hpp"

namespace certrenew::testing {

// Sets (or with nullopt unsets) an environment variable and restores the old value on exit.
class ScopedEnv {
 public:
  ScopedEnv(std::string name, std::optional<std::string> value);
  ~ScopedEnv();
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::string name_;
  std::optional<std::string> old_;
};

// The TokenError `call` threw, or nullopt when it threw none.
template <typename Call>
std::optional<token::TokenError> error_of(Call&& call) {
  try {
    call();
  } catch (const token::TokenError& e) {
    return e;
  }
  return std::nullopt;
}

// Copies `file` into `dir` (created if needed) as `name`; returns the new path.
std::filesystem::path copy_driver(const std::filesystem::path& file,
                                  const std::filesystem::path& dir, const std::string& name);

// Verifies a signature over the whole message with OpenSSL: SHA-256 for RSA/ECDSA, SM3 with the
// signer ID for SM2. ECDSA/SM2 signatures must be DER.
bool verify_signature(ByteView spki, SignatureAlgorithm algorithm, ByteView message,
                      ByteView signature, std::string_view sm2_id = kDefaultSm2SignerId);

}  // namespace certrenew::testing
