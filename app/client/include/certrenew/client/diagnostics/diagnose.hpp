#pragma once
// The whole diagnosis in one call, as `certrenew-cli diagnose` and the GUI's diagnostic view run
// it. Blocking (it loads drivers and talks to the service): call it off the UI thread.

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <vector>

#include "certrenew/client/diagnostics/report.hpp"
#include "certrenew/client/runtime.hpp"

namespace certrenew::client::diagnostics {

struct DiagnosticOptions {
  // Where the configuration, the data and the drivers are: the caller's Runtime's location
  // (Runtime::location()), so the diagnosis looks exactly where the app or the CLI looks.
  RuntimeLocation location;
  // Facts only the caller knows (the GUI: GLFW and OpenGL versions); listed after the others.
  std::vector<EnvironmentEntry> extra_environment;
  bool check_service = true;  // false: no network access at all
  std::chrono::seconds connect_timeout{10};
  std::chrono::seconds request_timeout{20};
  std::size_t log_tail_lines = 50;
};

// Runs every check. The configuration is read afresh (a person may just have corrected it).
// Never throws for what it diagnoses (a missing configuration, a broken driver,
// an unreachable service are lines of the report). The report is already redacted
// (redaction.hpp), with the local store's capability tokens among the secrets removed.
DiagnosticReport run_diagnostics(const DiagnosticOptions& options);

}  // namespace certrenew::client::diagnostics
