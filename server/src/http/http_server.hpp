#pragma once
// The serving layer: an asynchronous HTTP/1.1 server (Boost.Beast over Asio) with one or more
// listeners (HTTPS or plain HTTP), each answering from its own Router.
//
// Idle and slow clients cost a socket, never a thread: connections live on a few I/O threads,
// and every request is handled on a separate worker pool (crypto, database). Each connection has
// deadlines (TLS handshake + headers, body, keep-alive idle), header and body limits enforced
// while reading (chunked bodies too), a cap on requests per connection; the server caps open
// connections. Refusals: 413 payload_too_large, 431 headers_too_large, 400 bad_request, then the
// connection closes; a connection that misses a deadline is closed without an answer.
// TCP_NODELAY is set on every connection (answers leave at once instead of waiting for the
// client's delayed ACK). SIGTERM/SIGINT (or stop()) stop accepting, close idle connections, let
// requests in flight finish (within `shutdown_grace_seconds`), then run() returns.

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include <openssl/ssl.h>

#include "http/router.hpp"
#include "service/serving_config.hpp"

namespace certrenew::server {

// One answered request, for the access log and the metrics (no bodies, no header values).
struct RequestRecord {
  std::string listener;  // the listener's name ("api", "crl", "admin")
  std::string method;
  std::string path;   // as sent, without the query
  std::string route;  // the route's pattern, or "unmatched"/"refused" (bounded set: a label)
  int status = 0;
  std::chrono::microseconds duration{0};  // from the complete header to the answer queued
  std::size_t request_bytes = 0;          // body
  std::size_t answer_bytes = 0;           // body
  std::string remote_address;
};
using RequestObserver = std::function<void(const RequestRecord&)>;

// Sets up an OpenSSL server context; returns "" or what is wrong with the configuration.
using TlsSetup = std::function<std::string(SSL_CTX&)>;

class HttpServer {
 public:
  explicit HttpServer(const ServingConfig& config);
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;
  ~HttpServer();

  // Listens on host:port (port 0: one the kernel picks) and returns the port. `router` must
  // outlive the server. With `tls` the listener speaks HTTPS only; throws std::runtime_error
  // when the address cannot be bound or the TLS setup fails.
  int listen(const std::string& name, const std::string& host, int port, const Router& router,
             const TlsSetup& tls = nullptr);

  // Called on a worker thread after every answer (default: one spdlog line per request).
  void set_observer(RequestObserver observer);

  // Serves until SIGTERM/SIGINT or stop(); returns once in-flight requests are answered.
  void run();
  // Thread-safe; may be called before run() (run() then returns at once).
  void stop();

  std::size_t open_connections() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// "host:port" (IPv6 as "[::1]:8443") split; throws std::runtime_error on a bad value.
std::pair<std::string, int> split_listen(const std::string& listen);

}  // namespace certrenew::server
