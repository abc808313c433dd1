#pragma once
// The support bundle: one .tar.gz a user can send to support. It holds
//   report.json         the report (to_json), redacted
//   report.txt          the report as text, English
//   report.zh-CN.txt    the report as text, Chinese
//   applications.json   a summary of each locally stored application (application_summary)
//   logs/certrenew*.log the client's log files, redacted
// Redaction (redaction.hpp) runs over every file, with the capability tokens found in the local
// store registered as secrets; no PIN, private key or capability token is ever put in.

#include <filesystem>
#include <string>
#include <vector>

#include "certrenew/client/diagnostics/report.hpp"

namespace certrenew::client::diagnostics {

struct BundleResult {
  std::filesystem::path file;
  std::vector<std::string> entries;  // names inside the archive, in order
};

// Writes the bundle to `target` atomically (a temporary file in the same folder, then a rename):
// an interrupted export leaves no half archive and an existing file intact. The file is owner-only.
// `data_dir` is the client's data folder (store and logs). Throws std::runtime_error when the
// archive cannot be made, std::system_error when it cannot be written.
BundleResult write_bundle(const DiagnosticReport& report, const std::filesystem::path& data_dir,
                          const std::filesystem::path& target);

}  // namespace certrenew::client::diagnostics
