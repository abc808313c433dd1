#pragma once
// The diagnostic view's state and work: runs client::diagnostics::run_diagnostics (drivers,
// tokens without login, the service over verified TLS, the local store, the log) on its own
// worker, so the renewal screens keep working while it runs, and writes the support bundle there
// too. The report itself is built and redacted by the client library; this class only keeps the
// last one for the view and says what the export did.
//
// Threads: every member belongs to the UI thread; the worker gets copies of what it needs.

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/task_runner.hpp"
#include "certrenew/client/diagnostics/report.hpp"
#include "certrenew/client/runtime.hpp"
#include "controller/error_text.hpp"

namespace certrenew::gui {

struct DiagnosticsSetup {
  client::RuntimeLocation location;  // the app's Runtime's: the same files the session uses
  // Facts only the app knows (GLFW, OpenGL, ImGui, font, display scale).
  std::vector<client::diagnostics::EnvironmentEntry> app_environment;
};

class DiagnosticsPanel {
 public:
  DiagnosticsPanel(DiagnosticsSetup setup, UiInbox& inbox);
  ~DiagnosticsPanel();
  DiagnosticsPanel(const DiagnosticsPanel&) = delete;
  DiagnosticsPanel& operator=(const DiagnosticsPanel&) = delete;

  // ---- state the view reads ----
  bool shown = false;  // the view replaces the renewal screens while true
  bool running() const { return running_; }
  bool exporting() const { return exporting_; }
  bool busy() const { return running_ || exporting_; }
  // How many runs have finished (each replaced the report).
  unsigned runs() const { return runs_; }
  // Grows whenever finished work changed what the view shows.
  unsigned long version() const { return version_; }
  const std::optional<client::diagnostics::DiagnosticReport>& report() const { return report_; }
  // When the shown report was finished (local time is printed from it).
  std::optional<std::chrono::system_clock::time_point> finished_at() const { return finished_at_; }
  // Where Export writes; the view lets the user edit it. Set to a fresh default name by open().
  std::string export_path;
  // The last export: the file written and how many files it holds.
  std::optional<std::filesystem::path> exported() const { return exported_; }
  std::size_t exported_entries() const { return exported_entries_; }
  unsigned exports() const { return exports_; }  // finished exports, so a view can reveal each
  // Why the last run or export failed (the previous report stays shown).
  const std::optional<ErrorText>& problem() const { return problem_; }

  // ---- actions (UI thread) ----
  // Shows the view and runs the checks unless a report is already there or on its way.
  void open();
  void close() { shown = false; }
  void run();  // 重新检测: runs every check again
  void export_bundle();

  // A default bundle name in the user's home (or the data folder), with the current time, so two
  // exports never overwrite each other: certrenew-diagnostics-YYYYMMDD-HHMMSS.tar.gz.
  static std::filesystem::path default_bundle_path(const std::filesystem::path& data_dir);

 private:
  DiagnosticsSetup setup_;
  std::unique_ptr<TaskRunner> tasks_;
  bool running_ = false;
  bool exporting_ = false;
  unsigned long version_ = 0;
  unsigned runs_ = 0;
  unsigned exports_ = 0;
  std::optional<client::diagnostics::DiagnosticReport> report_;
  std::optional<std::chrono::system_clock::time_point> finished_at_;
  std::optional<std::filesystem::path> exported_;
  std::size_t exported_entries_ = 0;
  std::optional<ErrorText> problem_;
};

}  // namespace certrenew::gui
