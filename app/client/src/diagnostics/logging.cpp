#include "certrenew/client/logging.hpp"

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <deque>
#include <fstream>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "certrenew/client/diagnostics/redaction.hpp"

#if !defined(_WIN32)
#include <sys/stat.h>
#endif

namespace certrenew::client {

namespace fs = std::filesystem;

namespace {

// Redacts each message before handing it to the sink that writes it. The inner sink does its own
// locking; this one only rewrites the payload.
class RedactingSink final : public spdlog::sinks::sink {
 public:
  explicit RedactingSink(std::shared_ptr<spdlog::sinks::sink> inner) : inner_(std::move(inner)) {}

  void log(const spdlog::details::log_msg& msg) override {
    const std::string clean =
        diagnostics::redact(std::string_view(msg.payload.data(), msg.payload.size()));
    spdlog::details::log_msg copy = msg;
    copy.payload = spdlog::string_view_t(clean.data(), clean.size());
    inner_->log(copy);
  }
  void flush() override { inner_->flush(); }
  void set_pattern(const std::string& pattern) override { inner_->set_pattern(pattern); }
  void set_formatter(std::unique_ptr<spdlog::formatter> formatter) override {
    inner_->set_formatter(std::move(formatter));
  }

 private:
  std::shared_ptr<spdlog::sinks::sink> inner_;
};

// The log holds redacted text, but it is still the user's business: owner-only like the store.
void restrict_to_owner([[maybe_unused]] std::FILE* file) {
#if !defined(_WIN32)
  // ---- POSIX-only: file modes. The user profile folder is private on Windows. ----
  ::fchmod(::fileno(file), S_IRUSR | S_IWUSR);
#endif
}

std::mutex g_log_mutex;  // start/stop may be called from different threads (GUI, CLI, tests)

}  // namespace

fs::path client_log_dir(const fs::path& data_dir) {
  return data_dir / "logs";
}

fs::path start_client_log(const fs::path& data_dir, const ClientLogOptions& options) {
  std::lock_guard lock(g_log_mutex);
  const fs::path dir = client_log_dir(data_dir);
  const fs::path file = dir / std::string(kLogFileName);
  std::shared_ptr<spdlog::sinks::sink> file_sink;
  try {
    fs::create_directories(dir);
    spdlog::file_event_handlers handlers;
    handlers.after_open = [](const spdlog::filename_t&, std::FILE* f) { restrict_to_owner(f); };
    file_sink = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
        file.string(), options.max_file_bytes, options.rotated_files, false, handlers);
  } catch (const std::exception& e) {
    throw std::runtime_error("cannot open the log file " + file.string() + ": " + e.what());
  }
  std::vector<spdlog::sink_ptr> sinks{std::make_shared<RedactingSink>(file_sink)};
  if (options.echo_to_stderr)
    sinks.push_back(
        std::make_shared<RedactingSink>(std::make_shared<spdlog::sinks::stderr_color_sink_mt>()));
  auto logger =
      std::make_shared<spdlog::logger>(std::string(kClientLoggerName), sinks.begin(), sinks.end());
  // Local time with its offset: support compares it with the service's UTC times.
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z [%l] %v");
  logger->set_level(options.debug ? spdlog::level::debug : spdlog::level::info);
  // A crash must not take the last lines with it; the client logs little, so this is cheap.
  logger->flush_on(spdlog::level::info);
  spdlog::drop(std::string(kClientLoggerName));
  spdlog::set_default_logger(logger);
  return file;
}

void stop_client_log() {
  std::lock_guard lock(g_log_mutex);
  if (auto logger = spdlog::get(std::string(kClientLoggerName))) {
    logger->flush();
    spdlog::drop(std::string(kClientLoggerName));
    // spdlog keeps no default when its default is dropped; give back one like its own (unnamed,
    // to stderr).
    spdlog::set_default_logger(std::make_shared<spdlog::logger>(
        "", std::make_shared<spdlog::sinks::stderr_color_sink_mt>()));
  }
}

void flush_client_log() {
  if (auto logger = spdlog::get(std::string(kClientLoggerName))) logger->flush();
}

std::vector<fs::path> client_log_files(const fs::path& data_dir) {
  const fs::path dir = client_log_dir(data_dir);
  const fs::path base(std::string{kLogFileName});
  std::vector<fs::path> files;
  std::error_code ec;
  // The rotating sink names the older files certrenew.1.log, certrenew.2.log, ...
  for (int index = 9; index >= 1; --index) {
    const fs::path rotated =
        dir / (base.stem().string() + "." + std::to_string(index) + base.extension().string());
    if (fs::is_regular_file(rotated, ec)) files.push_back(rotated);
  }
  if (fs::is_regular_file(dir / base, ec)) files.push_back(dir / base);
  return files;
}

std::vector<std::string> read_log_tail(const fs::path& data_dir, std::size_t max_lines) {
  flush_client_log();
  std::deque<std::string> lines;
  if (max_lines == 0) return {};
  for (const fs::path& file : client_log_files(data_dir)) {
    std::ifstream in(file, std::ios::binary);
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      lines.push_back(std::move(line));
      if (lines.size() > max_lines) lines.pop_front();
    }
  }
  return {lines.begin(), lines.end()};
}

}  // namespace certrenew::client
