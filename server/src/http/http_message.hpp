#pragma once
// The serving layer's request and answer, independent of the HTTP library underneath (Boost.Beast
// today): handlers are plain functions from a decoded HttpRequest to an HttpAnswer, so they can be
// tested and moved without touching the server. See http/router.hpp for mounting them.

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace certrenew::server {

struct HttpRequest {
  std::string method;  // "GET", "POST", ... as sent (upper case for every standard method)
  std::string target;  // as sent: path and query
  std::string path;    // the target up to '?', not decoded
  // The query's parameters, percent-decoded ('+' is a space); a repeated name keeps the first.
  std::map<std::string, std::string> query;
  // Header names in lower case; a repeated header's values joined with ", " (RFC 9110 5.3).
  std::map<std::string, std::string> headers;
  std::string body;
  // The route pattern's capture groups (matches[0] is the whole path), as std::regex numbers them.
  std::vector<std::string> matches;
  std::string remote_address;  // the peer's IP address, for logs only

  // The header's value or "" (`name` in lower case).
  const std::string& header(const std::string& name) const {
    static const std::string none;
    auto it = headers.find(name);
    return it == headers.end() ? none : it->second;
  }
  bool has_param(const std::string& key) const { return query.count(key) != 0; }
  const std::string& param(const std::string& key) const {
    static const std::string none;
    auto it = query.find(key);
    return it == query.end() ? none : it->second;
  }
};

struct HttpAnswer {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers (Retry-After, ...)

  void set_header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
};

}  // namespace certrenew::server
