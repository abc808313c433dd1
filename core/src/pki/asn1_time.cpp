#include "pki/asn1_time.hpp"

#include <ctime>

#include "pki/openssl_error.hpp"

namespace certrenew::pki::detail {

Asn1TimePtr to_asn1_time(TimePoint time) {
  Asn1TimePtr asn1(ASN1_TIME_set(nullptr, std::chrono::system_clock::to_time_t(time)));
  require(asn1 != nullptr, "ASN1_TIME_set");
  return asn1;
}

std::optional<TimePoint> from_asn1_time(const ASN1_TIME* time) {
  std::tm fields{};
  if (time == nullptr || ASN1_TIME_to_tm(time, &fields) != 1) {
    take_openssl_errors();
    return std::nullopt;
  }
  // Civil UTC fields to a time point without timegm(), which is not portable.
  using namespace std::chrono;
  const year_month_day date{year(fields.tm_year + 1900),
                            month(static_cast<unsigned>(fields.tm_mon + 1)),
                            day(static_cast<unsigned>(fields.tm_mday))};
  if (!date.ok()) return std::nullopt;
  return sys_days(date) + hours(fields.tm_hour) + minutes(fields.tm_min) + seconds(fields.tm_sec);
}

}  // namespace certrenew::pki::detail
