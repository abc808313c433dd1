#pragma once
// Showing certificate times to people. Times are kept in UTC; local time is only for display and
// follows the process's time zone (TZ on POSIX).

#include <string>

#include "certrenew/core/x509/certificate.hpp"

namespace certrenew::x509 {

std::string format_utc(TimePoint t);         // "2017-09-21 08:00:00 UTC"
std::string format_utc_date(TimePoint t);    // "2017-09-21"
std::string format_local(TimePoint t);       // "2017-09-21 16:00:00 +0800"
std::string format_local_date(TimePoint t);  // "2017-09-21" in the local calendar

}  // namespace certrenew::x509
