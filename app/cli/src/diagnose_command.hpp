#pragma once
// `certrenew-cli diagnose [--json] [--bundle FILE] [--offline]`: runs the diagnostic mode
// (certrenew/client/diagnostics) and prints the report, as text in the user's language or as
// JSON, and optionally writes the support bundle.

#include <filesystem>
#include <iostream>
#include <optional>

#include "certrenew/client/store/client_config.hpp"

#if defined(CERTRENEW_CLI_HAS_DIAGNOSE)
#include "commands/commands.hpp"
#endif

namespace certrenew::cli {

struct DiagnoseOptions {
  bool json = false;                  // --json: the report as JSON on `out`, nothing else there
  std::filesystem::path bundle;       // --bundle FILE: also write the support bundle (.tar.gz)
  std::filesystem::path exe_dir;      // the program's folder: portable marker
  std::filesystem::path config_file;  // --config; empty: the default
  std::filesystem::path data_dir;     // empty: the default for that configuration
  // Text language; empty: the configuration's, or zh-CN when it cannot be read.
  std::optional<client::Language> language;
  bool check_service = true;        // false (--offline): no network access
  bool default_driver_path = true;  // false: only the configuration's plugin_dirs
  std::ostream* out = &std::cout;   // the report
  std::ostream* err = &std::cerr;   // where the bundle went, or why it could not be written
};

// Exit status: 0 when no check is red; 1 when one is, or when the bundle could not be written
// (the report is printed either way).
int run_diagnose(const DiagnoseOptions& options);

#if defined(CERTRENEW_CLI_HAS_DIAGNOSE)
// Registers `diagnose` on certrenew-cli; uses the global --config, --lang and --json.
void add_diagnose_command(CLI::App& app, const Select& select);
#endif

}  // namespace certrenew::cli
