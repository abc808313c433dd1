#pragma once

// Asymmetric keys: generation, what kind of key an EVP_PKEY is, its ids and DER forms.

#include "secret.hpp"

#include <certrenew/driver_kit/openssl.hpp>
#include <certrenew/softtoken/store.hpp>

#include <cstdint>
#include <span>
#include <vector>

namespace certrenew::softtoken {

struct KeyKind {
  std::uint32_t type = 0;  // CRT_KEY_*, 0 when the driver does not support the key
  std::uint32_t bits = 0;
};

KeyKind describe_key(const EVP_PKEY* key);

// CRT_KEY_RSA with 2048 (also for bits == 0) or 3072; EC P-256 and SM2 with bits 0 or 256.
// Other combinations throw StoreError(CRT_ERR_NOT_SUPPORTED).
kit::EvpPkeyPtr generate_key_pair(std::uint32_t key_type, std::uint32_t bits);

std::vector<std::uint8_t> spki_der(const EVP_PKEY* key);
// nullptr unless `der` is exactly one SubjectPublicKeyInfo.
kit::EvpPkeyPtr parse_spki(std::span<const std::uint8_t> der);

// The id both generated and imported keys get: SHA-1 of the subjectPublicKey BIT STRING
// contents, the same value many CAs put in CKA_ID and in the subject key identifier.
std::vector<std::uint8_t> key_id(const EVP_PKEY* key);

Secret pkcs8_der(const EVP_PKEY* key);
kit::EvpPkeyPtr parse_pkcs8(std::span<const std::uint8_t> der);

// nullptr unless `der` is exactly one X.509 certificate.
kit::X509Ptr parse_certificate(std::span<const std::uint8_t> der);
// The kind of a certificate's public key ({0, 0} when the DER does not parse).
KeyKind describe_certificate(std::span<const std::uint8_t> der);

}  // namespace certrenew::softtoken
