#include "raw_connection.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <fstream>
#include <stdexcept>

namespace certrenew::testing::serving {

RawConnection::RawConnection(int port, const std::filesystem::path& trust,
                             int read_timeout_seconds) {
  std::signal(SIGPIPE, SIG_IGN);  // a write to a connection the server closed fails instead
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd_ < 0) throw std::runtime_error("socket() failed: out of descriptors?");
  timeval tv{read_timeout_seconds, 0};
  setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  int one = 1;
  setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd_);
    throw std::runtime_error("cannot connect to the server");
  }
  if (trust.empty()) return;
  ctx_ = SSL_CTX_new(TLS_client_method());
  // TLS 1.2: nothing arrives after the handshake unasked (TLS 1.3 sends session tickets), so
  // readable() means the server answered or closed.
  SSL_CTX_set_max_proto_version(ctx_, TLS1_2_VERSION);
  SSL_CTX_load_verify_locations(ctx_, trust.c_str(), nullptr);
  SSL_CTX_set_verify(ctx_, SSL_VERIFY_PEER, nullptr);
  ssl_ = SSL_new(ctx_);
  X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl_), "127.0.0.1");
  SSL_set_fd(ssl_, fd_);
  if (SSL_connect(ssl_) != 1) {
    ERR_clear_error();
    throw std::runtime_error("TLS handshake with the server failed");
  }
}

RawConnection::~RawConnection() {
  if (ssl_) SSL_free(ssl_);
  if (ctx_) SSL_CTX_free(ctx_);
  if (fd_ >= 0) ::close(fd_);
}

bool RawConnection::send(std::string_view bytes) {
  while (!bytes.empty()) {
    long n = ssl_ ? SSL_write(ssl_, bytes.data(), static_cast<int>(bytes.size()))
                  : ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) {
      ERR_clear_error();
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

std::string RawConnection::receive() {
  char buf[16384];
  timed_out_ = false;
  errno = 0;
  long n = ssl_ ? SSL_read(ssl_, buf, sizeof buf) : ::recv(fd_, buf, sizeof buf, 0);
  if (n > 0) return std::string(buf, static_cast<std::size_t>(n));
  timed_out_ = errno == EAGAIN || errno == EWOULDBLOCK;
  ERR_clear_error();
  return {};
}

bool RawConnection::readable(int wait_ms) {
  if (ssl_ && SSL_pending(ssl_) > 0) return true;
  pollfd p{fd_, POLLIN, 0};
  return ::poll(&p, 1, wait_ms) > 0;
}

std::string RawConnection::receive_answer() {
  std::string all;
  for (;;) {
    const auto end = all.find("\r\n\r\n");
    if (end != std::string::npos) {
      std::size_t length = 0;
      const auto cl = all.find("Content-Length: ");
      if (cl != std::string::npos && cl < end) length = std::stoul(all.substr(cl + 16));
      if (all.size() >= end + 4 + length) return all;
    }
    std::string part = receive();
    if (part.empty()) return {};
    all += part;
  }
}

std::string RawConnection::receive_until_closed() {
  std::string all;
  for (std::string part = receive(); !part.empty(); part = receive()) all += part;
  return all;
}

int status_of(const std::string& text) {
  if (text.rfind("HTTP/1.", 0) != 0 || text.size() < 12) return 0;
  return std::atoi(text.substr(9, 3).c_str());
}

long peak_rss_kib(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string key;
  while (in >> key) {
    if (key == "VmHWM:") {
      long kib = 0;
      in >> kib;
      return kib;
    }
    in.ignore(1 << 12, '\n');
  }
  throw std::runtime_error("no VmHWM for process " + std::to_string(pid));
}

long raise_open_file_limit(long wanted) {
  rlimit r{};
  getrlimit(RLIMIT_NOFILE, &r);
  if (r.rlim_cur < static_cast<rlim_t>(wanted)) {
    r.rlim_cur = std::min<rlim_t>(r.rlim_max, static_cast<rlim_t>(wanted));
    setrlimit(RLIMIT_NOFILE, &r);
  }
  getrlimit(RLIMIT_NOFILE, &r);
  return static_cast<long>(r.rlim_cur);
}

}  // namespace certrenew::testing::serving
