#include "certrenew/core/token/token_types.hpp"

#include <array>
#include <utility>

#include "certrenew/core/lookup_table.hpp"
#include "certrenew/core/token/token_error.hpp"

namespace certrenew::token {

namespace {

constexpr auto kKeyTypeNames = std::to_array<std::pair<KeyType, std::string_view>>({
    {KeyType::rsa, "RSA"},
    {KeyType::ec_p256, "EC P-256"},
    {KeyType::sm2, "SM2"},
});

constexpr auto kAlgorithmCodes = std::to_array<std::pair<SignatureAlgorithm, std::string_view>>({
    {SignatureAlgorithm::rsa_pkcs1_sha256, "rsa-pkcs1-sha256"},
    {SignatureAlgorithm::ecdsa_p256_sha256, "ecdsa-p256-sha256"},
    {SignatureAlgorithm::sm2_sm3, "sm2-sm3"},
});

// Each signature algorithm and the one key type that signs with it.
constexpr auto kKeyTypeOfAlgorithm = std::to_array<std::pair<SignatureAlgorithm, KeyType>>({
    {SignatureAlgorithm::rsa_pkcs1_sha256, KeyType::rsa},
    {SignatureAlgorithm::ecdsa_p256_sha256, KeyType::ec_p256},
    {SignatureAlgorithm::sm2_sm3, KeyType::sm2},
});

}  // namespace

std::string_view to_string(KeyType type) {
  return lookup(kKeyTypeNames, type).value_or("unknown");
}

std::string_view to_string(SignatureAlgorithm algorithm) {
  return lookup(kAlgorithmCodes, algorithm).value_or("unknown");
}

KeyType key_type_for(SignatureAlgorithm algorithm) {
  return lookup(kKeyTypeOfAlgorithm, algorithm).value_or(KeyType::unknown);
}

SignatureAlgorithm signature_algorithm_for(KeyType type) {
  if (const auto algorithm = lookup_key(kKeyTypeOfAlgorithm, type)) return *algorithm;
  throw TokenError(TokenErrc::not_supported, "choose signature algorithm",
                   "the key type is unknown");
}

}  // namespace certrenew::token
