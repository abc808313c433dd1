#pragma once
// A TCP relay on loopback between certrenew-cli and certrenew-server that can lose traffic the
// way a network does, to test what the client does when a submission's answer never arrives.
// TLS passes through untouched (the client still verifies the server end to end); the relay only
// sees sizes. An exchange is the bytes a client sends until the server next sends something; a
// "large" exchange is one bigger than `large_request_bytes` (a signed application is several
// kilobytes, every other request of the protocol a few hundred bytes with its TLS records).
//
// Modes:
//   pass                  forward everything
//   lose_large_answers    forward a large request whole, then drop the server's answer and close
//                         the client's connection: the service committed, the client never knows
//   drop_large_requests   close both sides as soon as a request grows large, before all of it
//                         reaches the server: the service never sees it (as if it were down)

#include <atomic>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace certrenew::testing {

class LossyRelay {
 public:
  enum class Mode { pass, lose_large_answers, drop_large_requests };

  // Listens on 127.0.0.1 (a port the kernel picks) and relays to 127.0.0.1:`target_port`.
  explicit LossyRelay(int target_port, std::size_t large_request_bytes = 1500);
  ~LossyRelay();  // stops accepting, closes every connection, joins the threads
  LossyRelay(const LossyRelay&) = delete;
  LossyRelay& operator=(const LossyRelay&) = delete;

  int port() const { return port_; }
  std::string base_url() const { return "https://127.0.0.1:" + std::to_string(port_); }
  void set_mode(Mode mode) { mode_.store(mode); }
  // How many large exchanges were cut (answers lost or requests dropped).
  int cut() const { return cut_.load(); }

 private:
  void accept_loop();
  void relay(int client);

  int target_port_;
  std::size_t large_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<Mode> mode_{Mode::pass};
  std::atomic<int> cut_{0};
  std::atomic<bool> stopping_{false};
  std::thread acceptor_;
  std::mutex mutex_;
  std::vector<std::thread> workers_;
  std::vector<int> open_sockets_;
};

}  // namespace certrenew::testing
