#include "certrenew/core/pki/error.hpp"

namespace certrenew::pki {

std::string_view describe(PkiErrc code) {
  switch (code) {
    case PkiErrc::invalid_argument:
      return "an input is not usable";
    case PkiErrc::key_mismatch:
      return "the signer's key does not match";
    case PkiErrc::signer_failed:
      return "the signer did not return a usable signature";
    case PkiErrc::unsupported_algorithm:
      return "the algorithm is not supported";
    case PkiErrc::malformed:
      return "the structure is malformed";
    case PkiErrc::content_missing:
      return "the signed content is missing";
    case PkiErrc::digest_mismatch:
      return "the content does not match the signed digest";
    case PkiErrc::bad_signature:
      return "the signature does not verify";
    case PkiErrc::signer_certificate_missing:
      return "the signer certificate is missing";
    case PkiErrc::certificate_not_for_signing:
      return "the certificate is not for signatures";
    case PkiErrc::not_trusted:
      return "the certificate does not chain to a trusted CA";
    case PkiErrc::internal:
      return "internal cryptographic error";
  }
  return "unknown error";
}

PkiError::PkiError(PkiErrc code, const std::string& detail)
    : std::runtime_error(std::string(describe(code)) + ": " + detail), code_(code) {}

}  // namespace certrenew::pki
