#pragma once
// The whole diagnosis in one call, as `certrenew-cli diagnose` and the GUI's diagnostic view run
// it. Blocking (it loads drivers and talks to the service): call it off the UI thread.

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <vector>

#include "certrenew/client/diagnostics/report.hpp"

namespace certrenew::client::diagnostics {

struct DiagnosticOptions {
  std::filesystem::path exe_dir;      // the program's folder: portable marker, <exe dir>/plugins
  std::filesystem::path config_file;  // empty: the default (portable or the user's folder)
  std::filesystem::path data_dir;     // empty: the default for that configuration
  // Facts only the caller knows (the GUI: GLFW and OpenGL versions); listed after the others.
  std::vector<EnvironmentEntry> extra_environment;
  // false: scan only the configuration's plugin_dirs (tests, or a support engineer checking one
  // folder); true: also token::default_search_path(), as the app does.
  bool default_driver_path = true;
  bool check_service = true;  // false: no network access at all
  std::chrono::seconds connect_timeout{10};
  std::chrono::seconds request_timeout{20};
  std::size_t log_tail_lines = 50;
};

// Runs every check. Never throws for what it diagnoses (a missing configuration, a broken driver,
// an unreachable service are lines of the report). The report is already redacted
// (redaction.hpp), with the local store's capability tokens among the secrets removed.
DiagnosticReport run_diagnostics(const DiagnosticOptions& options);

}  // namespace certrenew::client::diagnostics
