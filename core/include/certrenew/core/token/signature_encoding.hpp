#pragma once

#include <string_view>

#include "certrenew/core/bytes.hpp"

namespace certrenew::token {

// The pieces the host adds around a driver's sign(): hashing for drivers that take a digest, and
// DER for drivers that return raw r || s. All are built from OpenSSL primitives.

Bytes sha256_digest(ByteView message);

// e = SM3(Z || M) with Z = SM3(ENTL || ID || a || b || xG || yG || xA || yA) (GM/T 0009), the
// value an SM2 signature is computed over. `spki` is the signer's DER SubjectPublicKeyInfo.
// Throws TokenError(data_invalid) when it is not an SM2 public key.
Bytes sm2_signature_digest(ByteView spki, std::string_view signer_id, ByteView message);

// DER SEQUENCE{r, s} from r || s (two equal halves). Throws TokenError(data_invalid) otherwise.
Bytes raw_rs_to_der(ByteView raw_rs);

}  // namespace certrenew::token
