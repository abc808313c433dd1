#pragma once
// Drivers and tokens as the diagnostic mode sees them: every library on the search path, loaded
// or rejected with the reason; per driver the tokens present, their PIN state (read without
// logging in) and the certificates on them with the days they have left.

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "certrenew/client/diagnostics/report.hpp"
#include "certrenew/client/store/client_config.hpp"
#include "certrenew/core/token/plugin_host.hpp"

namespace certrenew::client::diagnostics {

// A certificate with this many days left or fewer is amber ("renew it now").
inline constexpr long kExpiryNoticeDays = 30;

// One green line per loaded driver, one line per rejected library with its reason (area drivers);
// a red line when no driver loaded at all. `searched` is named in that sentence.
std::vector<Check> driver_checks(const token::PluginHost& host,
                                 const std::vector<std::filesystem::path>& searched);

// Opens each loaded driver with its settings from `driver_settings` ("{}" when absent) and reports
// its tokens and certificates (area tokens; a driver that refuses its settings: area drivers).
// Never logs in and never changes a token.
std::vector<Check> token_checks(const token::PluginHost& host,
                                const std::map<std::string, nlohmann::json>& driver_settings,
                                std::chrono::system_clock::time_point now);

}  // namespace certrenew::client::diagnostics
