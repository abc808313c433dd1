#pragma once

#include <string>
#include <vector>

#include "certrenew/core/pki/trust.hpp"
#include "pki/openssl_types.hpp"

namespace certrenew::pki::detail {

struct ChainVerdict {
  bool trusted = false;
  std::string reason;  // why not, for messages
};

// Checks that `leaf` chains to one of trust.anchors at trust.at, using `untrusted` and
// trust.intermediates to fill the gaps. SM2-signed certificates (the leaf included) get the
// trust's SM2 ID attached first, since OpenSSL 3.0 otherwise verifies them with an empty ID.
ChainVerdict verify_chain(X509* leaf, const std::vector<X509*>& untrusted,
                          const TrustOptions& trust);

}  // namespace certrenew::pki::detail
