// ASN.1 UTCTime/GeneralizedTime to a UTC time point, without the C library's local-time rules.

#include <ctime>

#include "x509/decode.hpp"

namespace certrenew::x509::detail {

TimePoint read_time(const ASN1_TIME* time, const char* which) {
  std::tm parts{};
  // ASN1_TIME_to_tm checks the format and yields UTC (any offset in the text already applied).
  if (time == nullptr || ASN1_TIME_to_tm(time, &parts) != 1) {
    take_openssl_reason();
    throw CertificateError(CertificateError::Kind::bad_field,
                           std::string("the certificate's ") + which + " time is not a valid time");
  }
  using namespace std::chrono;
  const year_month_day date{year{parts.tm_year + 1900},
                            month{static_cast<unsigned>(parts.tm_mon + 1)},
                            day{static_cast<unsigned>(parts.tm_mday)}};
  if (!date.ok() || parts.tm_hour > 23 || parts.tm_min > 59 || parts.tm_sec > 60) {
    throw CertificateError(CertificateError::Kind::bad_field,
                           std::string("the certificate's ") + which + " time is not a valid time");
  }
  // A leap second (":60") is counted as the next second, as POSIX time does.
  return sys_days{date} + hours{parts.tm_hour} + minutes{parts.tm_min} + seconds{parts.tm_sec};
}

}  // namespace certrenew::x509::detail
