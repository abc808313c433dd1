#include "diagnostics/wording.hpp"

#include <fmt/format.h>

#include <string_view>

#include "certrenew/client/catalogues.hpp"

namespace certrenew::client::diagnostics {

std::string format_duration(const std::optional<double>& seconds) {
  if (!seconds) return "an unknown time";
  if (*seconds < 1.0) return fmt::format("{:.0f} ms", *seconds * 1000);
  return fmt::format("{:.1f} s", *seconds);
}

namespace {

// "<big> <big unit>" and, when not zero, " <small> <small unit>"; units by catalogue id.
std::string two_units(long long big, std::string_view big_unit, long long small,
                      std::string_view small_unit, Language language) {
  const Catalogue& units = catalogues::time_units();
  return small == 0 ? fmt::format("{} {}", big, units.in(big_unit, language))
                    : fmt::format("{} {} {} {}", big, units.in(big_unit, language), small,
                                  units.in(small_unit, language));
}

}  // namespace

std::string format_seconds(long long s, Language language) {
  if (s < 60) return fmt::format("{} {}", s, catalogues::time_units().in("second", language));
  if (s < 3600) return two_units(s / 60, "minute", s % 60, "second", language);
  if (s < 86400) return two_units(s / 3600, "hour", s % 3600 / 60, "minute", language);
  return two_units(s / 86400, "day", s % 86400 / 3600, "hour", language);
}

}  // namespace certrenew::client::diagnostics
