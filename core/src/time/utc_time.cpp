// UTC instants 0000..9999 in 64-bit seconds: parsing and formatting without the C library (no
// get_time/timegm, whose time_t and locale rules differ between platforms).

#include "certrenew/core/time/utc_time.hpp"

#include <array>
#include <cstdio>

namespace certrenew {
namespace {

using namespace std::chrono;

bool digits(std::string_view text, std::size_t at, std::size_t count, int& out) {
  out = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

std::optional<sys_days> read_date(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (text.size() < 10 || text[4] != '-' || text[7] != '-' || !digits(text, 0, 4, y) ||
      !digits(text, 5, 2, m) || !digits(text, 8, 2, d))
    return std::nullopt;
  const year_month_day date{year(y), month(static_cast<unsigned>(m)),
                            day(static_cast<unsigned>(d))};
  if (!date.ok()) return std::nullopt;
  return sys_days(date);
}

}  // namespace

std::optional<UtcTime> UtcTime::from_unix(std::int64_t seconds) {
  if (seconds < kMinUnix || seconds > kMaxUnix) return std::nullopt;
  return UtcTime(seconds);
}

std::optional<UtcTime> UtcTime::from(std::chrono::sys_seconds t) {
  return from_unix(t.time_since_epoch().count());
}

UtcTime UtcTime::from(std::chrono::system_clock::time_point t) {
  return UtcTime(floor<seconds>(t).time_since_epoch().count());
}

std::optional<UtcTime> UtcTime::parse(std::string_view iso) {
  if (iso.size() != 20 || iso[10] != 'T' || iso[13] != ':' || iso[16] != ':' || iso[19] != 'Z')
    return std::nullopt;
  const auto date = read_date(iso.substr(0, 10));
  int h = 0, mi = 0, s = 0;
  if (!date || !digits(iso, 11, 2, h) || !digits(iso, 14, 2, mi) || !digits(iso, 17, 2, s) ||
      h > 23 || mi > 59 || s > 59)
    return std::nullopt;
  return from(std::chrono::sys_seconds(*date) + hours(h) + minutes(mi) + seconds(s));
}

std::optional<UtcTime> UtcTime::parse_date(std::string_view date) {
  if (date.size() != 10) return std::nullopt;
  const auto day = read_date(date);
  if (!day) return std::nullopt;
  return from(std::chrono::sys_seconds(*day));
}

std::string UtcTime::iso() const {
  const auto t = this->sys_seconds();
  const auto day = floor<days>(t);
  const year_month_day date(day);
  const hh_mm_ss time(t - day);
  std::array<char, 32> out{};
  std::snprintf(out.data(), out.size(), "%04d-%02u-%02uT%02d:%02d:%02dZ", int(date.year()),
                unsigned(date.month()), unsigned(date.day()), int(time.hours().count()),
                int(time.minutes().count()), int(time.seconds().count()));
  return out.data();
}

std::string UtcTime::date() const {
  return iso().substr(0, 10);
}

std::optional<UtcTime> UtcTime::plus(std::chrono::seconds delta) const {
  // Both operands are far inside int64, so the sum cannot overflow before the range check.
  if (delta.count() > kMaxUnix - kMinUnix || delta.count() < kMinUnix - kMaxUnix)
    return std::nullopt;
  return from_unix(seconds_ + delta.count());
}

long days_left(std::chrono::sys_seconds not_after, std::chrono::system_clock::time_point now) {
  const auto remaining = not_after - floor<seconds>(now);
  return static_cast<long>(floor<days>(remaining).count());
}

bool has_passed(std::chrono::sys_seconds t, std::chrono::system_clock::time_point now) {
  return floor<seconds>(now) > t || (floor<seconds>(now) == t && now > floor<seconds>(now));
}

}  // namespace certrenew
