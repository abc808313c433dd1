#pragma once
// The service's own outgoing HTTPS calls (the back-office command against a running instance,
// the sandbox gateway's notifications): one request on a fresh connection, the server verified
// against `trust` (certificate chain and host name or IP address), TLS 1.2 or later, one
// deadline for the whole exchange, the answer capped at 4 MiB.

#include <chrono>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace certrenew::server {

struct HttpsCall {
  std::string host;  // name or IP address (IPv6 without brackets)
  int port = 443;
  std::filesystem::path trust;  // PEM file of the certificates the server must chain to
  std::string method = "GET";
  std::string target = "/";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // sent with `content_type` unless the method is GET
  std::string content_type = "application/json";
  std::chrono::seconds timeout{10};
};

struct HttpsReply {
  int status = 0;
  std::string body;
};

// Throws std::runtime_error saying what failed (connect, TLS verification, timeout, ...).
HttpsReply https_call(const HttpsCall& call);

}  // namespace certrenew::server
