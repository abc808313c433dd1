#pragma once
// Facts about the machine and the installation: OS, processor, versions of the libraries the
// client runs on, locale, time zone, and which configuration is in use and where it came from
// (the Runtime's location: the same rule the app and the CLI follow).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "certrenew/client/diagnostics/report.hpp"
#include "certrenew/client/runtime.hpp"
#include "certrenew/client/store/client_config.hpp"

namespace certrenew::client::diagnostics {

// The configuration and its check (area environment): green when it loads, red when it is
// missing or refused (the sentence names the key). `config` is set only when it loaded.
struct ConfigurationResult {
  std::optional<ClientConfig> config;
  Check check;
};
ConfigurationResult load_configuration(const RuntimeLocation& where);

// OS, CPU, app version and build, OpenSSL, libcurl, libarchive, spdlog, locale, time zone,
// config file and its source, data folder and its source, driver search path, the issuing CA
// renewed certificates are checked against.
std::vector<EnvironmentEntry> collect_environment(
    const RuntimeLocation& where, const std::vector<std::filesystem::path>& driver_dirs);

// The data folder (area environment): green when it exists, amber when nothing was stored yet,
// red when it is not a folder.
Check data_dir_check(const std::filesystem::path& data_dir);

}  // namespace certrenew::client::diagnostics
