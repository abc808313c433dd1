#pragma once
// A SubjectPublicKeyInfo put into a certificate or request as its encoding: algorithm and key bits
// copied as they are, read with a plain ASN.1 template. OpenSSL 3.0's own setters (X509_set_pubkey,
// X509_REQ_set_pubkey) encode the key and decode it again through its provider decoders, which
// costs more than a P-256 signature (issue 17).

#include <openssl/x509.h>

#include "certrenew/core/bytes.hpp"

namespace certrenew::pki {

// `target`: X509_get_X509_PUBKEY(cert) or X509_REQ_get_X509_PUBKEY(req). Throws PkiError
// (invalid_argument) when `spki_der` is not one whole DER SubjectPublicKeyInfo.
void set_public_key_info(X509_PUBKEY* target, ByteView spki_der);

// A DER SubjectPublicKeyInfo written from the key's numbers with the same plain templates, for a
// CA that certifies a key in one canonical encoding (OpenSSL 3.0's i2d_PUBKEY goes through its
// provider encoders, which cost about a fifth of an issuance). Throws PkiError (invalid_argument)
// for an empty input or an unknown curve.
// id-ecPublicKey with the named curve `curve_nid` (NID_X9_62_prime256v1, NID_sm2, ...) and the
// point as given (canonically uncompressed: 04 || x || y).
Bytes ec_public_key_info(int curve_nid, ByteView point);
// rsaEncryption, NULL parameters, RSAPublicKey { modulus, exponent } from big-endian unsigned
// bytes.
Bytes rsa_public_key_info(ByteView modulus, ByteView exponent);

}  // namespace certrenew::pki
