#pragma once
// The Certificate model of a certificate OpenSSL has already decoded, for a caller that holds one
// (core/pki's verifier hands the signer's over): decoding the DER again would cost about as much
// as checking a signature, since OpenSSL 3.0 decodes the public key through its provider decoders.

#include <openssl/x509.h>

#include "certrenew/core/x509/certificate.hpp"

namespace certrenew::x509 {

// Reads `certificate`; OpenSSL only caches its decoded extensions in it. Throws CertificateError
// as parse_certificate does (bad_field for an unusable field, empty_input for a null pointer).
Certificate describe_certificate(X509* certificate);

}  // namespace certrenew::x509
