// Online renewal eligibility; the boundary rules are documented in renewal.hpp.

#include "certrenew/core/x509/renewal.hpp"

#include <stdexcept>

namespace certrenew::x509 {

RenewalAssessment assess_renewal(const Certificate& cert, std::chrono::system_clock::time_point now,
                                 RenewalWindow window) {
  using namespace std::chrono;
  if (window.opens_before_expiry && *window.opens_before_expiry < days{0}) {
    throw std::invalid_argument("the renewal window cannot open after expiry");
  }
  const auto at = floor<seconds>(now);
  RenewalAssessment out;
  out.days_left = cert.days_left(now);
  if (window.opens_before_expiry) out.window_opens = cert.not_after - *window.opens_before_expiry;
  if (at > cert.not_after) {
    out.status = RenewalStatus::expired;
  } else if (at < cert.not_before) {
    out.status = RenewalStatus::not_yet_valid;
  } else if (out.window_opens && at < *out.window_opens) {
    out.status = RenewalStatus::too_early;
  } else {
    out.status = RenewalStatus::eligible;
  }
  return out;
}

}  // namespace certrenew::x509
