#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace certrenew::pki {

// What went wrong in CSR or SignedData building or checking. Verifiers give one code per kind of
// failure so the server can answer precisely and tests can tell the failures apart.
enum class PkiErrc {
  invalid_argument,             // an input of ours is unusable: bad subject, certificate DER, ...
  key_mismatch,                 // the signer's key does not fit its algorithm or the certificate
  signer_failed,                // the signer returned something that is not a signature
  unsupported_algorithm,        // an algorithm we do not accept
  malformed,                    // the structure to verify does not parse or lacks a required part
  content_missing,              // detached SignedData and no content supplied
  digest_mismatch,              // the content is not the one that was signed
  bad_signature,                // the signature does not verify
  signer_certificate_missing,   // no certificate for the SignerInfo
  certificate_not_for_signing,  // the signer certificate's keyUsage forbids signatures
  not_trusted,                  // the signer certificate does not chain to a trust anchor
  internal,                     // OpenSSL failed where it should not (out of memory, ...)
};

// A short English phrase for the code, e.g. "the signature does not verify".
std::string_view describe(PkiErrc code);

// Thrown by the CSR and SignedData functions. Exceptions thrown by a Signer (a token error, a
// wrong PIN) are not wrapped: they reach the caller unchanged.
class PkiError : public std::runtime_error {
 public:
  PkiError(PkiErrc code, const std::string& detail);
  PkiErrc code() const { return code_; }

 private:
  PkiErrc code_;
};

}  // namespace certrenew::pki
