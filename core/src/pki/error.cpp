#include "certrenew/core/pki/error.hpp"

#include <array>
#include <utility>

#include "certrenew/core/lookup_table.hpp"

namespace certrenew::pki {

constexpr auto kPkiErrcDescriptions = std::to_array<std::pair<PkiErrc, std::string_view>>({
    {PkiErrc::invalid_argument, "an input is not usable"},
    {PkiErrc::key_mismatch, "the signer's key does not match"},
    {PkiErrc::signer_failed, "the signer did not return a usable signature"},
    {PkiErrc::unsupported_algorithm, "the algorithm is not supported"},
    {PkiErrc::malformed, "the structure is malformed"},
    {PkiErrc::content_missing, "the signed content is missing"},
    {PkiErrc::digest_mismatch, "the content does not match the signed digest"},
    {PkiErrc::bad_signature, "the signature does not verify"},
    {PkiErrc::signer_certificate_missing, "the signer certificate is missing"},
    {PkiErrc::certificate_not_for_signing, "the certificate is not for signatures"},
    {PkiErrc::not_trusted, "the certificate does not chain to a trusted CA"},
    {PkiErrc::internal, "internal cryptographic error"},
});

std::string_view describe(PkiErrc code) {
  return lookup(kPkiErrcDescriptions, code).value_or("unknown error");
}

PkiError::PkiError(PkiErrc code, const std::string& detail)
    : std::runtime_error(std::string(describe(code)) + ": " + detail), code_(code) {}

}  // namespace certrenew::pki
