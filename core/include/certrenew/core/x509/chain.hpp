#pragma once
// Ordering certificates into an issuer chain for display. Nothing here checks a signature: a
// chain built here says "these names and key ids line up", not "this is trusted".

#include <span>
#include <vector>

#include "certrenew/core/x509/certificate.hpp"

namespace certrenew::x509 {

// child's issuer name equals parent's subject, and when both carry key ids the child's authority
// key id equals the parent's subject key id (so a CA's old and new key are told apart).
bool names_issuer(const Certificate& parent, const Certificate& child);

// [leaf, its issuer, that one's issuer, ...] as far as the candidates reach. Stops at a
// self-issued certificate, when no candidate fits, or when a certificate would repeat. Among
// several fitting candidates the one whose key ids match explicitly wins, then the first given.
// Candidates may include the leaf itself and unrelated certificates.
std::vector<Certificate> build_chain(const Certificate& leaf,
                                     std::span<const Certificate> candidates);

}  // namespace certrenew::x509
