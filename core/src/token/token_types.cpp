#include "certrenew/core/token/token_types.hpp"

#include "certrenew/core/token/token_error.hpp"

namespace certrenew::token {

std::string_view to_string(KeyType type) {
  switch (type) {
    case KeyType::rsa:
      return "RSA";
    case KeyType::ec_p256:
      return "EC P-256";
    case KeyType::sm2:
      return "SM2";
    case KeyType::unknown:
      break;
  }
  return "unknown";
}

std::string_view to_string(SignatureAlgorithm algorithm) {
  switch (algorithm) {
    case SignatureAlgorithm::rsa_pkcs1_sha256:
      return "rsa-pkcs1-sha256";
    case SignatureAlgorithm::ecdsa_p256_sha256:
      return "ecdsa-p256-sha256";
    case SignatureAlgorithm::sm2_sm3:
      return "sm2-sm3";
  }
  return "unknown";
}

KeyType key_type_for(SignatureAlgorithm algorithm) {
  switch (algorithm) {
    case SignatureAlgorithm::rsa_pkcs1_sha256:
      return KeyType::rsa;
    case SignatureAlgorithm::ecdsa_p256_sha256:
      return KeyType::ec_p256;
    case SignatureAlgorithm::sm2_sm3:
      return KeyType::sm2;
  }
  return KeyType::unknown;
}

SignatureAlgorithm signature_algorithm_for(KeyType type) {
  switch (type) {
    case KeyType::rsa:
      return SignatureAlgorithm::rsa_pkcs1_sha256;
    case KeyType::ec_p256:
      return SignatureAlgorithm::ecdsa_p256_sha256;
    case KeyType::sm2:
      return SignatureAlgorithm::sm2_sm3;
    case KeyType::unknown:
      break;
  }
  throw TokenError(TokenErrc::not_supported, "choose signature algorithm",
                   "the key type is unknown");
}

}  // namespace certrenew::token
