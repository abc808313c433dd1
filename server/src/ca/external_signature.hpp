#pragma once
// Certificates and CRLs signed by a key OpenSSL does not hold (the CA key on an HSM, reached
// through the token host as a certrenew::Signer). OpenSSL builds and encodes the to-be-signed
// part; the Signer signs those bytes; the signed object is assembled around them and checked
// against the CA's public key before anyone sees it, so a token that signs wrongly issues nothing.

#include <cstdint>
#include <vector>

#include "ca/openssl_ptr.hpp"
#include "certrenew/core/signer.hpp"

namespace certrenew::server {

// Sign `cert` (everything but the signature filled in) and return the certificate's DER.
// `issuer_key` is the CA's public key. Throws IssuanceError.
std::vector<std::uint8_t> sign_certificate_externally(X509* cert, const Signer& signer,
                                                      EVP_PKEY* issuer_key);

// The same for a CRL.
std::vector<std::uint8_t> sign_crl_externally(X509_CRL* crl, const Signer& signer,
                                              EVP_PKEY* issuer_key);

}  // namespace certrenew::server
