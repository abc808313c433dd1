#pragma once

// The standard's public key and signature blobs to and from what the ABI speaks (DER
// SubjectPublicKeyInfo, raw r || s), coping with libraries that left-align 32-byte values in
// their 64-byte fields instead of right-aligning them as GM/T 0016 says.

#include <certrenew/skf/gmt0016.h>

#include "bridge_error.hpp"

namespace certrenew::skf {

// An SM2 public key blob as DER SubjectPublicKeyInfo (id-ecPublicKey with the SM2 curve). The
// coordinates are taken right-aligned, or left-aligned when only that gives a point on the
// curve. Throws DriverError(CRT_ERR_DEVICE) when neither does.
Bytes sm2_spki(const ECCPUBLICKEYBLOB& blob);
// An RSA public key blob as DER SubjectPublicKeyInfo.
Bytes rsa_spki(const RSAPUBLICKEYBLOB& blob);
// The signature as r || s (32 bytes each), checked against the key and e: right-aligned values
// first, then left-aligned. Throws DriverError(CRT_ERR_DEVICE) when neither verifies.
Bytes sm2_signature_rs(const ECCSIGNATUREBLOB& blob, const Bytes& spki, const Bytes& e);

}  // namespace certrenew::skf
