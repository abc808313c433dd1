#pragma once
// A server program the tests start as a child process on a loopback port (OpenSSL's mock CMP
// server, socat's TLS front): started, waited for until the port accepts connections, stopped
// (SIGTERM, then SIGKILL) when the object goes, and killed with the test process if that dies
// first. Its output goes to `log`.

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace certrenew::testing {

// A loopback port nothing listens on now.
int free_loopback_port();

class LoopbackDaemon {
 public:
  // `argv[0]` is the program's path; `port` is where it listens.
  LoopbackDaemon(std::vector<std::string> argv, int port, const std::filesystem::path& log);
  ~LoopbackDaemon();
  LoopbackDaemon(const LoopbackDaemon&) = delete;
  LoopbackDaemon& operator=(const LoopbackDaemon&) = delete;

 private:
  pid_t pid_ = -1;
};

}  // namespace certrenew::testing
