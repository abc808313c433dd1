#pragma once
// `certrenew-cli diagnose [--json] [--bundle FILE] [--offline]`: runs the diagnostic mode
// (certrenew/client/diagnostics) and prints the report, as text in the user's language or as
// JSON, and optionally writes the support bundle.

#include <filesystem>
#include <iostream>
#include <optional>

#include "certrenew/client/runtime.hpp"
#include "certrenew/client/store/client_config.hpp"

#if defined(CERTRENEW_CLI_HAS_DIAGNOSE)
#include "commands/commands.hpp"
#endif

namespace certrenew::cli {

struct DiagnoseOptions {
  bool json = false;             // --json: the report as JSON on `out`, nothing else there
  std::filesystem::path bundle;  // --bundle FILE: also write the support bundle (.tar.gz)
  // Where to look: the CLI's Runtime's location (the same rule as every other command).
  client::RuntimeLocation location;
  // Text language; empty: the configuration's, or zh-CN when it cannot be read.
  std::optional<client::Language> language;
  bool check_service = true;       // false (--offline): no network access
  std::ostream* out = &std::cout;  // the report
  std::ostream* err = &std::cerr;  // where the bundle went, or why it could not be written
};

// Exit status: 0 when no check is red; 1 when one is, or when the bundle could not be written
// (the report is printed either way).
int run_diagnose(const DiagnoseOptions& options);

#if defined(CERTRENEW_CLI_HAS_DIAGNOSE)
// Registers `diagnose` on certrenew-cli; uses the global --config, --lang and --json.
void add_diagnose_command(CLI::App& app, const Select& select);
#endif

}  // namespace certrenew::cli
