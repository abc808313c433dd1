#pragma once

#include <chrono>
#include <optional>

#include "pki/openssl_types.hpp"

namespace certrenew::pki::detail {

using TimePoint = std::chrono::system_clock::time_point;

// UTCTime up to 2049 and GeneralizedTime from 2050, as RFC 5280 and RFC 5652 require.
Asn1TimePtr to_asn1_time(TimePoint time);
// Whole seconds since the epoch; nullopt when the value is not a valid time.
std::optional<TimePoint> from_asn1_time(const ASN1_TIME* time);

}  // namespace certrenew::pki::detail
