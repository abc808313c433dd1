#pragma once

#include <chrono>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

namespace certrenew::client::detail {

// One HTTPS exchange, verified against `trust_file`.
struct HttpExchange {
  std::string method;  // GET, POST, PUT
  std::string url;
  std::string body;  // sent as application/json when not empty or when method is not GET
  std::vector<std::string> headers;
  std::filesystem::path trust_file;
  std::chrono::seconds connect_timeout{10};
  std::chrono::seconds request_timeout{30};
};

struct HttpResult {
  long status = 0;
  std::string body;
};

// One connection to one service, kept open between exchanges (HTTP keep-alive): a renewal's ten
// or so calls pay for one TCP and TLS handshake instead of ten. libcurl reconnects by itself when
// the service has closed it meanwhile. Exchanges on one CurlConnection take turns.
class CurlConnection {
 public:
  CurlConnection() = default;
  CurlConnection(const CurlConnection&) = delete;
  CurlConnection& operator=(const CurlConnection&) = delete;
  ~CurlConnection();

  // Throws ServiceError for transport failures (DNS, connect, TLS, timeout); any HTTP status
  // comes back as it is.
  HttpResult perform(const HttpExchange& exchange);

 private:
  std::mutex mutex_;
  void* handle_ = nullptr;  // CURL*: the easy handle whose connection cache is reused
};

}  // namespace certrenew::client::detail
