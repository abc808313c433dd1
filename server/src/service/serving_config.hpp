#pragma once
// How certrenew-server serves HTTP (config key `serving`, see docs/operations.md): threads,
// limits and deadlines of the serving layer (http/http_server.hpp).

#include <cstddef>
#include <string>

namespace certrenew::server {

struct ServingConfig {
  int io_threads = 1;      // connections, TLS and parsing; 1 is plenty for tens of thousands
  int worker_threads = 0;  // request handling (crypto, database); 0: the number of CPU cores
  std::size_t max_connections = 10000;  // more are closed as soon as they are accepted
  int max_requests_per_connection = 1000;
  std::size_t max_header_bytes = 16 * 1024;  // request line + headers; beyond: 431
  std::size_t max_body_bytes = 256 * 1024;   // beyond: 413 (config key max_body_bytes)
  int header_timeout_seconds = 10;           // TLS handshake + request line + headers
  int body_timeout_seconds = 20;             // the body (config key request_timeout_seconds)
  int keep_alive_seconds = 30;               // idle between requests on one connection
  int shutdown_grace_seconds = 30;           // SIGTERM: how long requests in flight may take
  // host:port of the admin-only plain-HTTP listener for /metrics, /healthz, /readyz (config key
  // `metrics.listen`); empty: none. Never expose it to the internet.
  std::string metrics_listen;
};

}  // namespace certrenew::server
