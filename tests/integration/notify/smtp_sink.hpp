#pragma once
// A real SMTP server for tests: tests/integration/notify/smtp_sink.py (aiosmtpd) in a process
// of its own on loopback. Each accepted message comes back decoded by Python's e-mail parser.

#include <sys/types.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace certrenew::testing {

class SmtpSink {
 public:
  // port 0: any free port. Messages are kept in a fresh temporary folder.
  explicit SmtpSink(int port = 0);
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;
  ~SmtpSink();

  int port() const { return port_; }
  // The next message's DATA is never answered (the sender is killed meanwhile).
  void hang_on_next_message() const;
  // Every message received so far, in order (recipients, message_id, subject, to_name, text,
  // html, ...; see smtp_sink.py).
  std::vector<nlohmann::json> messages() const;
  // Raw bytes of message `index` (0-based).
  std::string raw(std::size_t index) const;

 private:
  std::filesystem::path dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

// A port nobody listens on right now (bound and released), for "the SMTP server is down".
int free_loopback_port();

// Polls `done` every 100 ms for up to `seconds`; true once it holds.
bool eventually(const std::function<bool()>& done, int seconds = 60);

}  // namespace certrenew::testing
