#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace certrenew::client::detail {

// One HTTPS exchange through libcurl, verified against `trust_file`. Throws ServiceError for
// transport failures (DNS, connect, TLS, timeout); any HTTP status comes back as it is.
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

HttpResult perform(const HttpExchange& exchange);

}  // namespace certrenew::client::detail
