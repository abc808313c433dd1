#pragma once
// One HTTPS POST for the SMS channels (libcurl): the peer's certificate is always verified, plain
// http:// is accepted only to a loopback address (a relay or a test double on this machine), the
// answer's body is kept up to a limit (a provider's short JSON status), never more.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace certrenew::server {

// True for http://127.x, http://localhost and http://[::1] URLs.
bool loopback_http(const std::string& url);
// https://..., or http:// to a loopback address, without spaces or line breaks.
bool acceptable_endpoint(const std::string& url);

struct HttpPostAnswer {
  bool reached = false;  // false: no HTTP answer (connection, TLS, timeout); see `error`
  long status = 0;
  std::string body;  // at most kMaxAnswerBytes
  std::string error;
  static constexpr std::size_t kMaxAnswerBytes = 64 * 1024;
};

HttpPostAnswer http_post(const std::string& url, const std::vector<std::string>& headers,
                         const std::string& body, const std::filesystem::path& ca_file,
                         int timeout_seconds);

}  // namespace certrenew::server
