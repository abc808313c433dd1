#pragma once
// The client's log: a rotating file in the data folder that the diagnostic mode shows and the
// support bundle carries. Code logs through spdlog's default logger (spdlog::info(...)); once
// start_client_log() ran, that logger writes here. Every line passes diagnostics::redact() before
// it reaches the file, so a PIN or capability token logged by mistake never lands on disk, and ID
// and mobile numbers are masked.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace certrenew::client {

inline constexpr std::string_view kClientLoggerName = "certrenew";
inline constexpr std::string_view kLogFileName = "certrenew.log";

struct ClientLogOptions {
  std::size_t max_file_bytes = 1024 * 1024;  // a file is rotated when it would grow past this
  std::size_t rotated_files = 2;             // certrenew.1.log, certrenew.2.log kept beside it
  bool debug = false;                        // log debug lines too (the default is info and up)
  bool echo_to_stderr = false;               // also write each line to stderr (the CLI's -v)
};

// data_dir/logs
std::filesystem::path client_log_dir(const std::filesystem::path& data_dir);

// Creates data_dir/logs if needed and makes a logger named "certrenew" writing to
// data_dir/logs/certrenew.log the default spdlog logger (replacing an earlier one). Files are
// owner-only (0600 on POSIX). Returns the log file's path. Throws std::runtime_error naming the
// file when it cannot be opened; the previous default logger is then kept.
std::filesystem::path start_client_log(const std::filesystem::path& data_dir,
                                       const ClientLogOptions& options = {});

// Flushes and closes the log file; spdlog's default logger goes back to its stderr logger.
void stop_client_log();

// Flushes the client log, if one is started, so that readers see every line written so far.
void flush_client_log();

// The log files in data_dir/logs, oldest first (certrenew.2.log, certrenew.1.log, certrenew.log);
// only those that exist.
std::vector<std::filesystem::path> client_log_files(const std::filesystem::path& data_dir);

// The last `max_lines` lines over all log files, oldest first, as written (already redacted by
// the logger; callers that show lines from elsewhere redact them again).
std::vector<std::string> read_log_tail(const std::filesystem::path& data_dir,
                                       std::size_t max_lines);

}  // namespace certrenew::client
