#pragma once
// The signer's public key as the builders need it, read from its DER SubjectPublicKeyInfo with a
// plain ASN.1 template instead of OpenSSL's key decoders: in OpenSSL 3.0 each d2i_PUBKEY or
// X509_REQ_set_pubkey costs ~0.25-0.4 ms, more than a P-256 signature, and the builders only
// need the algorithm, the curve and the RSA modulus size.

#include <cstddef>
#include <memory>

#include "certrenew/core/bytes.hpp"
#include "certrenew/core/signer.hpp"
#include "pki/algorithms.hpp"
#include "pki/openssl_types.hpp"

namespace certrenew::pki::detail {

struct SpkiFields;  // SEQUENCE { AlgorithmIdentifier, BIT STRING }
struct SpkiFieldsFree {
  void operator()(SpkiFields* fields) const;
};

struct SignerKey {
  Bytes spki_der;
  KeyFamily family = KeyFamily::other;
  std::size_t rsa_modulus_bytes = 0;  // RSA only: the size every signature must have
  std::unique_ptr<SpkiFields, SpkiFieldsFree> fields;
};

// Reads the signer's SPKI and checks it fits the signer's algorithm (PkiError key_mismatch).
SignerKey inspect_signer_key(const Signer& signer);

// Puts the key into a request's SubjectPublicKeyInfo, copying algorithm and key bits as they are.
void set_request_public_key(X509_REQ* request, const SignerKey& key);

// Calls signer.sign(message) and checks the result fits the key: RSA the modulus size, ECDSA and
// SM2 a DER SEQUENCE{r, s} (a token that hands back raw r||s would otherwise produce a structure
// no one can verify). PkiError signer_failed otherwise; the signer's own exceptions pass through.
Bytes sign_checked(const Signer& signer, const SignerKey& key, ByteView message);

}  // namespace certrenew::pki::detail
