#include "controller/diagnostics_panel.hpp"

#include "certrenew/client/diagnostics/bundle.hpp"
#include "certrenew/client/diagnostics/diagnose.hpp"
#include "certrenew/client/diagnostics/environment.hpp"
#include "certrenew/core/folders.hpp"
#include "certrenew/core/x509/time_format.hpp"

namespace certrenew::gui {

namespace diag = client::diagnostics;
namespace fs = std::filesystem;

namespace {

// The library's own words (for the export: "cannot write /x.tar.gz: Permission denied").
std::string detail_of(std::exception_ptr error) {
  const ErrorText text = describe(error);
  return text.detail.empty() ? text.en : text.detail;
}

}  // namespace

DiagnosticsPanel::DiagnosticsPanel(DiagnosticsSetup setup, UiInbox& inbox)
    : setup_(std::move(setup)), tasks_(std::make_unique<TaskRunner>("diagnostics", inbox)) {}

// The worker goes first: a job in flight captures `this`.
DiagnosticsPanel::~DiagnosticsPanel() {
  tasks_.reset();
}

fs::path DiagnosticsPanel::default_bundle_path(const fs::path& data_dir) {
  // "2026-11-24 16:05:09 +0800" -> "20261124-160509"
  const std::string local = x509::format_local(
      std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  std::string stamp;
  for (char c : local.substr(0, 19)) {
    if (c >= '0' && c <= '9') stamp += c;
    if (c == ' ') stamp += '-';
  }
  const fs::path home = user_home_dir();
  const fs::path folder = home.empty() ? data_dir : home;
  return folder / ("certrenew-diagnostics-" + stamp + ".tar.gz");
}

void DiagnosticsPanel::open() {
  shown = true;
  if (export_path.empty() || exported_)
    export_path = default_bundle_path(setup_.location.data_dir).string();
  if (!report_ && !running_) run();
}

void DiagnosticsPanel::run() {
  if (running_) return;
  running_ = true;
  problem_.reset();
  ++version_;
  diag::DiagnosticOptions options;
  options.location = setup_.location;
  options.extra_environment = setup_.app_environment;
  tasks_->post(
      [this, options]() -> TaskRunner::Continuation {
        auto report = std::make_shared<diag::DiagnosticReport>(diag::run_diagnostics(options));
        return [this, report] {
          report_ = std::move(*report);
          finished_at_ = std::chrono::system_clock::now();
          ++runs_;
          running_ = false;
          ++version_;
        };
      },
      [this](std::exception_ptr error) {
        // run_diagnostics reports what it diagnoses; only the unexpected gets here.
        running_ = false;
        ++version_;
        problem_ = message(T::diag_run_failed, detail_of(error));
      });
}

void DiagnosticsPanel::export_bundle() {
  if (!report_ || exporting_ || export_path.empty()) return;
  exporting_ = true;
  exported_.reset();
  problem_.reset();
  ++version_;
  const fs::path target = export_path;
  const fs::path data_dir = setup_.location.data_dir;
  auto report = std::make_shared<const diag::DiagnosticReport>(*report_);
  tasks_->post(
      [this, report, data_dir, target]() -> TaskRunner::Continuation {
        const diag::BundleResult written = diag::write_bundle(*report, data_dir, target);
        return [this, written] {
          exported_ = written.file;
          exported_entries_ = written.entries.size();
          ++exports_;
          exporting_ = false;
          ++version_;
        };
      },
      [this, target](std::exception_ptr error) {
        problem_ = message(T::diag_export_failed, target.string(), detail_of(error));
        exporting_ = false;
        ++version_;
      });
}

}  // namespace certrenew::gui
