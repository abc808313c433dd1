#pragma once
// Whether a certificate may be renewed online now (the seed guide's precondition 1: only before it
// expires; an expired certificate has to be renewed at a service hall).
//
// Boundaries, all instants in UTC so the answer never depends on the time zone:
// - RFC 5280 4.1.2.5: the validity period includes notAfter. At now == not_after the certificate is
//   still valid and eligible; it is expired from not_after + 1 s on.
// - Likewise valid from not_before inclusive; before it, not_yet_valid.
// - With a window of N days, renewal opens at the instant not_after - N × 24 h (inclusive); before
//   that instant the answer is too_early together with that instant.

#include <chrono>
#include <optional>

#include "certrenew/core/x509/certificate.hpp"

namespace certrenew::x509 {

struct RenewalWindow {
  // How long before expiry online renewal opens; nullopt = any time while valid. Must not be
  // negative (std::invalid_argument).
  std::optional<std::chrono::days> opens_before_expiry;
};

enum class RenewalStatus {
  eligible,       // renew online now
  too_early,      // valid, but the window has not opened; see window_opens
  expired,        // after not_after: online renewal refused, renew at the service hall
  not_yet_valid,  // before not_before
};

struct RenewalAssessment {
  RenewalStatus status = RenewalStatus::eligible;
  long days_left = 0;                     // Certificate::days_left(now)
  std::optional<TimePoint> window_opens;  // when a window is set: the instant it opens
};

RenewalAssessment assess_renewal(const Certificate& cert, std::chrono::system_clock::time_point now,
                                 RenewalWindow window = {});

}  // namespace certrenew::x509
