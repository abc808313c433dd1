#pragma once
// Facts about the machine and the installation: OS, processor, versions of the libraries the
// client runs on, locale, time zone, and which configuration is in use and where it came from.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "certrenew/client/diagnostics/report.hpp"
#include "certrenew/client/store/client_config.hpp"

namespace certrenew::client::diagnostics {

enum class ConfigSource {
  explicit_file,  // named by the caller (--config)
  portable,       // config.json beside the program (certrenew.portable marker)
  user,           // the user's config folder
};
std::string_view code(ConfigSource source);

struct ConfigLocation {
  std::filesystem::path config_file;  // may not exist
  std::filesystem::path data_dir;     // where the store and the logs live
  ConfigSource source = ConfigSource::user;
};

// default_paths(exe_dir), with an explicit config file and/or data folder taking precedence.
ConfigLocation locate_config(const std::filesystem::path& exe_dir,
                             const std::filesystem::path& explicit_config = {},
                             const std::filesystem::path& explicit_data_dir = {});

// The configuration and its check (area environment): green when it loads, red when it is
// missing or refused (the sentence names the key). `config` is set only when it loaded.
struct ConfigurationResult {
  std::optional<ClientConfig> config;
  Check check;
};
ConfigurationResult load_configuration(const ConfigLocation& where);

// OS, CPU, app version and build, OpenSSL, libcurl, libarchive, spdlog, locale, time zone,
// config file and its source, data folder, driver search path.
std::vector<EnvironmentEntry> collect_environment(
    const ConfigLocation& where, const std::vector<std::filesystem::path>& driver_dirs);

// The data folder (area environment): green when it exists, amber when nothing was stored yet,
// red when it is not a folder.
Check data_dir_check(const std::filesystem::path& data_dir);

}  // namespace certrenew::client::diagnostics
