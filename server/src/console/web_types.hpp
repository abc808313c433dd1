#pragma once
// A decoded HTTP request and the answer to it, free of any HTTP library: the console's handlers
// are functions from one to the other, mounted by a few lines of adapter (console/router_mount).

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace certrenew::server::console {

struct WebRequest {
  std::string method;  // GET, POST, ...
  std::string path;    // decoded, without the query
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string remote_addr;

  std::string header(const std::string& lower_case_name) const {
    auto it = headers.find(lower_case_name);
    return it == headers.end() ? std::string() : it->second;
  }
  std::string param(const std::string& name) const {
    auto it = query.find(name);
    return it == query.end() ? std::string() : it->second;
  }
};

struct WebResponse {
  int status = 200;
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// The headers every console answer carries: no framing, no sniffing, no caching of personal
// data, a CSP that allows only the console's own files (no inline script or style).
void add_security_headers(WebResponse& response);

}  // namespace certrenew::server::console
