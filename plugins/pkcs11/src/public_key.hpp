#pragma once

// Public keys between PKCS#11 attributes and DER SubjectPublicKeyInfo, all through OpenSSL.

#include <openssl/evp.h>

#include <certrenew/driver_kit/openssl.hpp>

#include "bridge_error.hpp"
#include "pkcs11.hpp"

namespace certrenew::pkcs11 {

// SPKI of an RSA key from CKA_MODULUS and CKA_PUBLIC_EXPONENT (big-endian magnitudes).
Bytes rsa_spki(const Bytes& modulus, const Bytes& public_exponent);

// SPKI of an EC or SM2 key from CKA_EC_PARAMS (a DER namedCurve OID) and CKA_EC_POINT (the
// point as a DER OCTET STRING, as PKCS#11 says; a bare uncompressed point from a module that
// skips the wrapping is accepted too). Throws DriverError(CRT_ERR_NOT_SUPPORTED) for curves given
// by explicit parameters.
Bytes ec_spki(const Bytes& ec_params, const Bytes& ec_point);

// CKA_EC_PARAMS for a named curve (the DER OID), e.g. NID_X9_62_prime256v1 or NID_sm2.
Bytes ec_params_for(int curve_nid);
// The curve NID of CKA_EC_PARAMS, NID_undef when it is no named curve OpenSSL knows.
int curve_of(const Bytes& ec_params);

// The key inside a DER SubjectPublicKeyInfo; nullptr when it does not parse.
kit::EvpPkeyPtr parse_spki(const Bytes& spki);
// The SubjectPublicKeyInfo of a DER certificate; empty when it does not parse.
Bytes certificate_spki(const Bytes& certificate_der);

}  // namespace certrenew::pkcs11
