#pragma once

#include <atomic>
#include <filesystem>
#include <string>

namespace certrenew::server {

// Runs the HTTPS service until `stop` turns true (checked by a watcher) or the process is
// signalled. `listen` overrides the configured address ("host:port"; port 0 picks a free one,
// which is then written to `port_file` if given, for tests).
int serve(const std::filesystem::path& config_file, const std::string& listen,
          const std::filesystem::path& port_file);

}  // namespace certrenew::server
