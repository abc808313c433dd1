#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "certrenew/core/bytes.hpp"
#include "certrenew/core/signer.hpp"

namespace certrenew::pki {

// What a certificate must chain to. Anchors are trusted as they are (they need not be
// self-signed: a configured issuing CA is enough), intermediates only help to build the chain.
struct TrustOptions {
  std::vector<Bytes> anchors;        // DER certificates
  std::vector<Bytes> intermediates;  // DER certificates, not trusted by themselves
  // The time at which every certificate of the chain must be valid; unset means now.
  std::optional<std::chrono::system_clock::time_point> at;
  // A certificate that becomes valid at most this much after `at` still passes: a freshly
  // issued certificate starts at the CA's "now", and the client's clock may be behind.
  std::chrono::seconds not_yet_valid_tolerance{std::chrono::minutes(10)};
  // The signer ID the CA used for SM2-signed certificates (GM/T 0009).
  std::string sm2_signer_id{kDefaultSm2SignerId};
};

struct ChainCheck {
  bool trusted = false;
  std::string reason;  // why not, in words, when not trusted
};

// Whether a certificate (DER) chains to one of trust.anchors at trust.at, with trust.intermediates
// filling gaps. Throws PkiError(malformed) when the DER is not a certificate.
ChainCheck check_chain(ByteView certificate_der, const TrustOptions& trust);

}  // namespace certrenew::pki
