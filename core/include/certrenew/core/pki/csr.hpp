#pragma once

#include <memory>
#include <string>
#include <vector>

#include "certrenew/core/bytes.hpp"
#include "certrenew/core/openssl_ptr.hpp"
#include "certrenew/core/pki/error.hpp"
#include "certrenew/core/signer.hpp"

namespace certrenew::pki {

// One attribute of a distinguished name, in order. `type` is a short name ("CN", "O", "C",
// "emailAddress", ...) or a dotted OID; `value` is UTF-8.
struct NameAttribute {
  std::string type;
  std::string value;
};

struct CsrOptions {
  // Requested subjectAltName entries (an extensionRequest attribute); none by default.
  std::vector<std::string> dns_names;
  std::vector<std::string> email_addresses;
};

// Builds a DER PKCS#10 CertificationRequest for the signer's public key, signed by the signer:
// sha256WithRSAEncryption, ecdsa-with-SHA256, or SM2-with-SM3 with the signer's SM2 ID.
// `subject_der` is a DER Name, used byte for byte (a renewal keeps the old certificate's subject
// exactly). Throws PkiError: invalid_argument (bad subject), key_mismatch (the SPKI does not fit
// the signer's algorithm), signer_failed (not a signature of the expected shape). The signer is
// not called when the input is bad.
Bytes build_csr(const Signer& signer, ByteView subject_der, const CsrOptions& options = {});
// The same with the subject given as attributes (UTF8String values; C as PrintableString).
Bytes build_csr(const Signer& signer, const std::vector<NameAttribute>& subject,
                const CsrOptions& options = {});

struct CsrInfo {
  Bytes subject_der;         // DER Name
  std::string subject_text;  // RFC 2253 form, UTF-8, for logs and people
  Bytes spki_der;            // DER SubjectPublicKeyInfo
  SignatureAlgorithm algorithm;
  // The same key as decoded for the check, so a caller need not decode spki_der again.
  std::shared_ptr<EVP_PKEY> public_key;
};

struct CsrVerifyOptions {
  std::string sm2_signer_id{kDefaultSm2SignerId};
};

// Parses a DER CertificationRequest and checks its self-signature. Throws PkiError: malformed
// (does not parse, trailing bytes, unreadable key), unsupported_algorithm, bad_signature.
CsrInfo verify_csr(ByteView der, const CsrVerifyOptions& options = {});

}  // namespace certrenew::pki
