#pragma once
// What a public key IS, apart from how it was written down. The same key can be encoded many
// ways (an EC point compressed or not, the curve named or spelled out as explicit parameters,
// RSA under rsaEncryption or RSA-PSS): a check that compares encodings lets an applicant pass the
// old key off as a new one. Key reuse is decided on the identity below, and what the CA certifies
// is always the canonical encoding.

#include <string>

#include "ca/openssl_ptr.hpp"
#include "certrenew/core/bytes.hpp"

namespace certrenew::server {

// What a public key is.
struct PublicKeyIdentity {
  std::string type;  // rsa, ec_p256, sm2, other
  int bits = 0;
  // "rsa:<n hex>:<e hex>" or "ec:<curve>:<uncompressed point hex>"; empty for other key types
  std::string identity;
  // The hex SHA-256 of `identity`: the column the store keeps (short, fixed size).
  std::string fingerprint;
};

// Parses a SubjectPublicKeyInfo (DER), all of it. Throws std::invalid_argument when it does not.
PkeyPtr parse_public_key(ByteView spki_der);
// The same, identified.
PublicKeyIdentity identify_public_key(ByteView spki_der);
PublicKeyIdentity identify_public_key(const EVP_PKEY* key);

// The key's SubjectPublicKeyInfo (DER) in the canonical form the CA certifies: named curve and
// uncompressed point, or rsaEncryption with NULL parameters; written from the key's numbers, not
// by OpenSSL's encoders (issue 17). Throws std::invalid_argument like the above, and for a key of
// another type. Apart from identify_public_key: intake only compares identities.
Bytes canonical_spki(const EVP_PKEY* key);

}  // namespace certrenew::server
