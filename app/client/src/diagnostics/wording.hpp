#pragma once
// Small formatting helpers shared by the diagnostic checks (not part of the public API).

#include <optional>
#include <string>

namespace certrenew::client::diagnostics {

// "12 ms", "1.4 s"; "an unknown time" when libcurl did not measure it.
std::string format_duration(const std::optional<double>& seconds);
// A clock offset for people: "45 s", "12 min 5 s", "1 h", "3 d 2 h".
std::string format_seconds_en(long long seconds);
std::string format_seconds_zh(long long seconds);  // "45 秒", "12 分钟 5 秒", "1 小时", "3 天 2 小时"

}  // namespace certrenew::client::diagnostics
