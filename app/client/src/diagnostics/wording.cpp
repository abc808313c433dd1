#include "diagnostics/wording.hpp"

#include <fmt/format.h>

#include <string_view>

namespace certrenew::client::diagnostics {

std::string format_duration(const std::optional<double>& seconds) {
  if (!seconds) return "an unknown time";
  if (*seconds < 1.0) return fmt::format("{:.0f} ms", *seconds * 1000);
  return fmt::format("{:.1f} s", *seconds);
}

namespace {

// "<big> <big unit>" and, when not zero, " <small> <small unit>".
std::string two_units(long long big, std::string_view big_unit, long long small,
                      std::string_view small_unit) {
  return small == 0 ? fmt::format("{} {}", big, big_unit)
                    : fmt::format("{} {} {} {}", big, big_unit, small, small_unit);
}

}  // namespace

std::string format_seconds_en(long long s) {
  if (s < 60) return fmt::format("{} s", s);
  if (s < 3600) return two_units(s / 60, "min", s % 60, "s");
  if (s < 86400) return two_units(s / 3600, "h", s % 3600 / 60, "min");
  return two_units(s / 86400, "d", s % 86400 / 3600, "h");
}

std::string format_seconds_zh(long long s) {
  if (s < 60) return fmt::format("{} 秒", s);
  if (s < 3600) return two_units(s / 60, "分钟", s % 60, "秒");
  if (s < 86400) return two_units(s / 3600, "小时", s % 3600 / 60, "分钟");
  return two_units(s / 86400, "天", s % 86400 / 3600, "小时");
}

}  // namespace certrenew::client::diagnostics
