#pragma once
// The command line. There is deliberately no option for a PIN: PINs never go through argv.

#include <filesystem>
#include <optional>
#include <string>

#include "certrenew/client/store/client_config.hpp"

namespace certrenew::gui {

struct Options {
  std::filesystem::path config;    // --config FILE (default: the portable or per-user file)
  std::filesystem::path data_dir;  // --data-dir DIR (default: CERTRENEW_DATA_DIR, then runtime.hpp)
  std::optional<client::Language> language;  // --lang zh-CN|en, for this run
  std::optional<int> width;                  // --size WxH, for this run
  std::optional<int> height;
  bool diagnostic = false;  // --diagnostic: open on the diagnostic view (support engineers)
  // Test mode.
  std::filesystem::path widget_map;      // --test-widget-map FILE
  std::filesystem::path screenshot;      // --screenshot FILE: first settled frame, then exit
  std::filesystem::path screenshot_dir;  // --screenshot-dir DIR: F12 saves <screen>-<lang>.png
  int refresh_seconds = 30;              // --refresh-seconds N: 查询进度's automatic refresh
  int payment_poll_seconds = 3;          // --payment-poll-seconds N: online payment page
  bool test_mode() const { return !widget_map.empty() || !screenshot_dir.empty(); }
};

// Parses argv (CLI11). Returns nullopt when the program should exit with `exit_code` (help,
// version or a usage error, already printed).
std::optional<Options> parse_options(int argc, char** argv, int& exit_code);

}  // namespace certrenew::gui
