#pragma once
// Small formatting helpers shared by the diagnostic checks (not part of the public API).

#include <optional>
#include <string>

#include "certrenew/client/catalogues.hpp"
#include "certrenew/client/format_text.hpp"
#include "certrenew/core/text/language.hpp"

namespace certrenew::client::diagnostics {

// "12 ms", "1.4 s"; "an unknown time" when libcurl did not measure it.
std::string format_duration(const std::optional<double>& seconds);
// A clock offset for people: "45 s", "12 min 5 s", "1 h", "3 d 2 h".
// In zh-CN the units come from the same catalogue: "12 分钟 5 秒".
std::string format_seconds(long long seconds, Language language);

// A text of the diagnostics_report catalogue, its {} filled with args.
template <class... Args>
Text report_text(std::string_view id, const Args&... args) {
  return format_text(catalogues::diagnostics_report().at(id), args...);
}
// A text of the diagnostics_tokens catalogue, its {} filled with args.
template <class... Args>
Text token_text(std::string_view id, const Args&... args) {
  return format_text(catalogues::diagnostics_tokens().at(id), args...);
}
// A text of the diagnostics_service catalogue, its {} filled with args.
template <class... Args>
Text service_text(std::string_view id, const Args&... args) {
  return format_text(catalogues::diagnostics_service().at(id), args...);
}

}  // namespace certrenew::client::diagnostics
