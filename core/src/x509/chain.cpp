// Issuer chain ordering by names and key identifiers, for display only.

#include "certrenew/core/x509/chain.hpp"

#include <algorithm>

namespace certrenew::x509 {
namespace {

bool key_ids_known(const Certificate& parent, const Certificate& child) {
  return !child.authority_key_id.empty() && !parent.subject_key_id.empty();
}

bool in_chain(const std::vector<Certificate>& chain, const Certificate& c) {
  return std::any_of(chain.begin(), chain.end(),
                     [&](const Certificate& link) { return link.der == c.der; });
}

}  // namespace

bool names_issuer(const Certificate& parent, const Certificate& child) {
  if (!parent.subject.same_as(child.issuer)) return false;
  return !key_ids_known(parent, child) || parent.subject_key_id == child.authority_key_id;
}

std::vector<Certificate> build_chain(const Certificate& leaf,
                                     std::span<const Certificate> candidates) {
  std::vector<Certificate> chain{leaf};
  // Each round adds one distinct candidate, so the loop ends after at most candidates.size().
  while (!chain.back().self_issued()) {
    const Certificate& child = chain.back();
    const Certificate* best = nullptr;
    for (const Certificate& candidate : candidates) {
      if (in_chain(chain, candidate) || !names_issuer(candidate, child)) continue;
      if (key_ids_known(candidate, child)) {
        best = &candidate;  // an explicit key id match beats a name-only match
        break;
      }
      if (best == nullptr) best = &candidate;
    }
    if (best == nullptr) break;
    chain.push_back(*best);
  }
  return chain;
}

}  // namespace certrenew::x509
