#pragma once
// Conversions between the 32-byte fields of pki::Sm2Cipher / pki::Sm2EnvelopedKey and OpenSSL's
// numbers, points and keys, shared by the envelope codec and the sealing/opening code.

#include <certrenew/token_driver.h>

#include <openssl/bn.h>
#include <openssl/ec.h>

#include "certrenew/core/pki/sm2_envelope.hpp"
#include "pki/openssl_types.hpp"

namespace certrenew::pki::detail {

using BignumPtr = ossl::BignumPtr;
using EcGroupPtr = ossl::EcGroupPtr;
using EcPointPtr = OpenSslPtr<EC_POINT, EC_POINT_free>;

// A big-endian field as an ASN1_INTEGER (replacing `integer`'s value).
void set_integer(ASN1_INTEGER* integer, const Sm2Field& field);
BignumPtr bignum_of(const Sm2Field& field);
// The number left-padded to 32 bytes; fail(invalid_argument) when it does not fit.
Sm2Field field_of(const BIGNUM* number);

EcGroupPtr sm2_group();
// True when (x, y) is a point on the SM2 curve (and so not the point at infinity).
bool sm2_point_is_valid(const Sm2Field& x, const Sm2Field& y);

// The driver ABI's form of the values, borrowing their byte strings (keep the value alive).
crt_sm2_cipher c_view(const Sm2Cipher& cipher);
crt_sm2_enveloped_key c_view(const Sm2EnvelopedKey& envelope);

// The affine coordinates of an SM2 key's public point; fail(key_mismatch) for a non-SM2 key.
void sm2_public_point(const EVP_PKEY* key, Sm2Field& x, Sm2Field& y);

}  // namespace certrenew::pki::detail
