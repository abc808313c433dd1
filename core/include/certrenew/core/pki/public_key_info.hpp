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

}  // namespace certrenew::pki
