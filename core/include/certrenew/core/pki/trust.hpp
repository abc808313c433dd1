#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "certrenew/core/bytes.hpp"
#include "certrenew/core/openssl_ptr.hpp"
#include "certrenew/core/signer.hpp"

namespace certrenew::pki {

// A certificate decoded once and shared. OpenSSL 3.0 decodes a certificate's public key through
// its provider decoders, which costs about as much as verifying a signature; a caller that checks
// every request against the same CA, or reads one certificate several times, decodes it once.
using SharedCertificate = std::shared_ptr<X509>;

// Decodes DER into a SharedCertificate. Throws PkiError(malformed) when it is not exactly one
// DER certificate.
SharedCertificate share_certificate(ByteView der);

// A trust anchor decoded once: the certificate with the SM2 signer ID attached when it is
// SM2-signed (done here, once, because verifying must not change a certificate other threads
// may be verifying with).
SharedCertificate share_anchor(ByteView der, std::string_view sm2_signer_id = kDefaultSm2SignerId);

// What a certificate must chain to. Anchors are trusted as they are (they need not be
// self-signed: a configured issuing CA is enough), intermediates only help to build the chain.
struct TrustOptions {
  std::vector<Bytes> anchors;                      // DER certificates
  std::vector<SharedCertificate> decoded_anchors;  // anchors from share_anchor, besides those
  std::vector<Bytes> intermediates;                // DER certificates, not trusted by themselves
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
// The same for a certificate already decoded (it gets the SM2 signer ID attached if SM2-signed).
ChainCheck check_chain(X509* certificate, const TrustOptions& trust);

}  // namespace certrenew::pki
