// Time display. UTC is computed with <chrono> calendar types; local time needs the C library's
// time zone rules, the one platform-specific spot of this area (marked below).

#include "certrenew/core/x509/time_format.hpp"

#include <array>
#include <cstdio>
#include <ctime>

namespace certrenew::x509 {
namespace {

struct UtcParts {
  int year;
  unsigned month, day;
  long hour, minute, second;
};

UtcParts utc_parts(TimePoint t) {
  using namespace std::chrono;
  const sys_days date = floor<days>(t);
  const year_month_day ymd{date};
  const hh_mm_ss<seconds> clock{t - date};
  return {static_cast<int>(ymd.year()),
          static_cast<unsigned>(ymd.month()),
          static_cast<unsigned>(ymd.day()),
          static_cast<long>(clock.hours().count()),
          static_cast<long>(clock.minutes().count()),
          static_cast<long>(clock.seconds().count())};
}

// Platform-specific: the C library's broken-down local time, thread-safe variants.
bool local_parts(TimePoint t, std::tm& out) {
  const auto seconds = static_cast<std::time_t>(t.time_since_epoch().count());
#if defined(_WIN32)
  return localtime_s(&out, &seconds) == 0;
#else
  return localtime_r(&seconds, &out) != nullptr;
#endif
}

std::string local_text(TimePoint t, const char* pattern) {
  std::tm parts{};
  if (!local_parts(t, parts)) return format_utc(t);  // out of the C library's range
  std::array<char, 64> buffer{};
  const std::size_t len = std::strftime(buffer.data(), buffer.size(), pattern, &parts);
  return std::string(buffer.data(), len);
}

}  // namespace

std::string format_utc(TimePoint t) {
  const UtcParts p = utc_parts(t);
  std::array<char, 48> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%04d-%02u-%02u %02ld:%02ld:%02ld UTC", p.year,
                p.month, p.day, p.hour, p.minute, p.second);
  return buffer.data();
}

std::string format_utc_date(TimePoint t) {
  const UtcParts p = utc_parts(t);
  std::array<char, 24> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%04d-%02u-%02u", p.year, p.month, p.day);
  return buffer.data();
}

std::string format_local(TimePoint t) {
  return local_text(t, "%Y-%m-%d %H:%M:%S %z");
}

std::string format_local_date(TimePoint t) {
  return local_text(t, "%Y-%m-%d");
}

}  // namespace certrenew::x509
