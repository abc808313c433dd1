#pragma once
// The identity of the vendor libraries that drivers' settings name (the SKF driver's "library",
// the PKCS#11 driver's "modules"): path, size and SHA-256 in the diagnostic report and so in the
// support bundle, so that a report about a library that does not load says exactly which build
// it was (issue 20). A library named by its file name alone is found by the system's loader and
// is not listed.

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "certrenew/client/diagnostics/report.hpp"

namespace certrenew::client::diagnostics {

// One check per library file named in `driver_settings` (driver name -> its settings): green with
// its size and SHA-256, red when it cannot be read.
std::vector<Check> driver_library_checks(
    const std::map<std::string, nlohmann::json>& driver_settings);

}  // namespace certrenew::client::diagnostics
