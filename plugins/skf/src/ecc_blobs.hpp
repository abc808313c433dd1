#pragma once

// The standard's public key and signature blobs to and from what the ABI speaks (DER
// SubjectPublicKeyInfo, raw r || s), coping with libraries that left-align 32-byte values in
// their 64-byte fields instead of right-aligning them as GM/T 0016 says.

#include <certrenew/skf/gmt0016.h>
#include <certrenew/token_driver.h>

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

// Where a device puts a 32-byte value in a 64-byte field: at the end, as GM/T 0016 says, or at
// the start, as some libraries do.
enum class Alignment { right, left };
// The alignment a device uses, read from a public key blob it wrote (the one that gives a point
// on the curve); blobs the bridge hands to the device are written the same way. Throws
// DriverError(CRT_ERR_DEVICE) when neither does.
Alignment sm2_blob_alignment(const ECCPUBLICKEYBLOB& blob);

// An SM2 ciphertext as ECCCIPHERBLOB, its CipherLen bytes following in the same buffer.
Bytes ecc_cipher_blob(const crt_sm2_cipher& cipher, Alignment where);
// An envelope as ENVELOPEDKEYBLOB (Version 1, SGD_SM4_ECB, 256 bits), the cipher blob's bytes
// following. The 32-byte SM4-ECB ciphertext of the private key sits in cbEncryptedPriKey like
// every 256-bit value in a 64-byte GM/T 0016 field: in the last 32 bytes (right-aligned; the
// first 32 are zero), or in the first 32 on a device that left-aligns (docs/skf.md).
Bytes enveloped_key_blob(const crt_sm2_enveloped_key& envelope, Alignment where);

}  // namespace certrenew::skf
