#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "certrenew/core/bytes.hpp"
#include "certrenew/core/signer.hpp"
#include "certrenew/core/token/token_types.hpp"

namespace certrenew::driver_check {

// What a DER SubjectPublicKeyInfo holds, as OpenSSL reads it.
struct PublicKeyFacts {
  token::KeyType type = token::KeyType::unknown;
  unsigned bits = 0;
};

// nullopt when the bytes are not exactly one DER SubjectPublicKeyInfo.
std::optional<PublicKeyFacts> inspect_spki(ByteView spki);

// Whether the bytes are exactly one DER X.509 certificate.
bool is_der_certificate(ByteView der);

// Verifies a signature over the whole message: SHA-256 for RSA/ECDSA, SM3 with the signer ID for
// SM2. Returns an empty string when it verifies, or why not.
std::string verify_signature(ByteView spki, SignatureAlgorithm algorithm, ByteView message,
                             ByteView signature, std::string_view sm2_id = kDefaultSm2SignerId);

// A one-day certificate for the public key in `spki`, issued by a throwaway P-256 key made here.
// It only exercises the token's certificate storage: the token's private key is not involved.
Bytes certificate_for(ByteView spki, const std::string& common_name);

}  // namespace certrenew::driver_check
