#include "lossy_relay.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>

namespace certrenew::testing {

namespace {

sockaddr_in loopback(int port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return a;
}

bool send_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

LossyRelay::LossyRelay(int target_port, std::size_t large_request_bytes)
    : target_port_(target_port), large_(large_request_bytes) {
  listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (listener_ < 0) throw std::runtime_error("relay: no socket");
  sockaddr_in a = loopback(0);
  if (::bind(listener_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      ::listen(listener_, 16) != 0)
    throw std::runtime_error("relay: cannot listen");
  socklen_t len = sizeof a;
  ::getsockname(listener_, reinterpret_cast<sockaddr*>(&a), &len);
  port_ = ntohs(a.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

LossyRelay::~LossyRelay() {
  stopping_.store(true);
  ::shutdown(listener_, SHUT_RDWR);
  ::close(listener_);
  acceptor_.join();
  {
    const std::lock_guard lock(mutex_);
    for (int fd : open_sockets_) ::shutdown(fd, SHUT_RDWR);
  }
  for (std::thread& t : workers_) t.join();
}

void LossyRelay::accept_loop() {
  while (!stopping_.load()) {
    pollfd p{listener_, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    const int client = ::accept(listener_, nullptr, nullptr);
    if (client < 0) continue;
    const std::lock_guard lock(mutex_);
    open_sockets_.push_back(client);
    workers_.emplace_back([this, client] { relay(client); });
  }
}

void LossyRelay::relay(int client) {
  const int server = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a = loopback(target_port_);
  if (server < 0 || ::connect(server, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(client);
    if (server >= 0) ::close(server);
    return;
  }
  {
    const std::lock_guard lock(mutex_);
    open_sockets_.push_back(server);
  }
  std::size_t exchange = 0;  // client bytes since the server last sent something
  bool swallowing = false;   // lose_large_answers: the server's bytes are being dropped
  auto quiet_since = std::chrono::steady_clock::now();
  char buffer[16384];
  bool open = true;
  while (open && !stopping_.load()) {
    pollfd p[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
    if (::poll(p, 2, 100) <= 0) {
      if (swallowing && std::chrono::steady_clock::now() - quiet_since > std::chrono::seconds(1))
        break;
      continue;
    }
    if (p[0].revents & (POLLIN | POLLHUP | POLLERR)) {
      const ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      const std::size_t before = exchange;
      exchange += static_cast<std::size_t>(n);
      if (mode_.load() == Mode::drop_large_requests && exchange > large_) {
        // Forward only what keeps the request below the limit: the server never gets all of it.
        const std::size_t room = before < large_ ? large_ - before : 0;
        send_all(server, buffer, std::min(room, static_cast<std::size_t>(n)));
        ++cut_;
        break;
      }
      open = send_all(server, buffer, static_cast<std::size_t>(n));
    }
    if (open && (p[1].revents & (POLLIN | POLLHUP | POLLERR))) {
      const ssize_t n = ::recv(server, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      if (mode_.load() == Mode::lose_large_answers && exchange > large_) {
        // Everything the server sends from here on is swallowed (its answer among it, so it
        // has committed); once it has been quiet for a second the client's line is cut.
        if (!swallowing) ++cut_;
        swallowing = true;
        quiet_since = std::chrono::steady_clock::now();
        continue;
      }
      exchange = 0;
      open = send_all(client, buffer, static_cast<std::size_t>(n));
    }
    if (swallowing && std::chrono::steady_clock::now() - quiet_since > std::chrono::seconds(1))
      break;
  }
  ::shutdown(client, SHUT_RDWR);
  ::shutdown(server, SHUT_RDWR);
  const std::lock_guard lock(mutex_);
  ::close(client);
  ::close(server);
  std::erase(open_sockets_, client);
  std::erase(open_sockets_, server);
}

}  // namespace certrenew::testing
