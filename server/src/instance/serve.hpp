#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <string>

namespace certrenew::server {

// Runs the HTTPS service until `stop` turns true (checked by a watcher) or the process is
// signalled. `listen` overrides the configured address ("host:port"; port 0 picks a free one,
// which is then written to `port_file` if given, for tests).
// `clock_offset` is for the client's diagnostics tests only: /api/v1/info reports the server's
// time shifted by it (see mount_api), and the notification worker runs on that clock (expiry
// reminder tests); nothing else changes.
int serve(const std::filesystem::path& config_file, const std::string& listen,
          const std::filesystem::path& port_file,
          std::chrono::seconds clock_offset = std::chrono::seconds{0});

}  // namespace certrenew::server
