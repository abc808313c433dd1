#pragma once
// One UTC time type for the whole product: whole seconds from 0000-01-01T00:00:00Z to
// 9999-12-31T23:59:59Z, the range X.509 can express (RFC 5280 4.1.2.5). It is kept in 64-bit
// seconds, never in system_clock's nanoseconds, which end in 2262 and begin in 1678: converting a
// certificate time "until 9999" to system_clock overflows (undefined behaviour). Everything that
// reads or writes "yyyy-mm-ddThh:mm:ssZ" goes through parse()/iso().

#include <chrono>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace certrenew {

class UtcTime {
 public:
  static constexpr std::int64_t kMinUnix = -62167219200;  // 0000-01-01T00:00:00Z
  static constexpr std::int64_t kMaxUnix = 253402300799;  // 9999-12-31T23:59:59Z

  constexpr UtcTime() = default;  // 1970-01-01T00:00:00Z

  // nullopt outside 0000..9999.
  static std::optional<UtcTime> from_unix(std::int64_t seconds);
  static std::optional<UtcTime> from(std::chrono::sys_seconds t);
  // Any system_clock time is inside the range; rounded down to the second.
  static UtcTime from(std::chrono::system_clock::time_point t);
  static UtcTime now() { return from(std::chrono::system_clock::now()); }
  // Exactly "yyyy-mm-ddThh:mm:ssZ" with a real calendar date; nullopt otherwise.
  static std::optional<UtcTime> parse(std::string_view iso);
  // Exactly "yyyy-mm-dd"; the instant is that day's midnight UTC.
  static std::optional<UtcTime> parse_date(std::string_view date);

  constexpr std::int64_t unix_seconds() const { return seconds_; }
  std::chrono::sys_seconds sys_seconds() const {
    return std::chrono::sys_seconds(std::chrono::seconds(seconds_));
  }
  std::string iso() const;   // "2026-11-24T02:00:00Z"
  std::string date() const;  // "2026-11-24"

  // nullopt when the result leaves the range (no wrap, no overflow).
  std::optional<UtcTime> plus(std::chrono::seconds delta) const;

  friend constexpr auto operator<=>(UtcTime, UtcTime) = default;

 private:
  constexpr explicit UtcTime(std::int64_t seconds) : seconds_(seconds) {}
  std::int64_t seconds_ = 0;
};

// to - from in seconds; cannot overflow (both lie within ±2.6e11).
constexpr std::int64_t seconds_between(UtcTime from, UtcTime to) {
  return to.unix_seconds() - from.unix_seconds();
}

// Whole days from `now` until `not_after` (negative once it has passed), in seconds arithmetic so
// that a certificate valid until 9999 is fine. This is what "N days left" shows everywhere.
long days_left(std::chrono::sys_seconds not_after, std::chrono::system_clock::time_point now);
// now > t, without converting t to system_clock (which would overflow past 2262).
bool has_passed(std::chrono::sys_seconds t, std::chrono::system_clock::time_point now);

}  // namespace certrenew
