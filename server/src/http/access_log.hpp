#pragma once
// The access log: one JSON object per answered request, on standard error, e.g.
//   {"time":"2026-12-04T22:58:01.123Z","listener":"api","method":"GET",
//    "route":"/api/v1/applications/(\\d{17})","path":"/api/v1/applications/0120*************",
//    "status":200,"duration_ms":1.84,"request_bytes":0,"answer_bytes":1423,"remote":"10.1.2.0"}
// No personal data: identifiers in paths are masked (a path segment of 8+ characters with a digit
// keeps its first 4), the client's address is cut to its network (IPv4 /24, IPv6 /48), and
// bodies, query strings and headers are never logged.

#include <string>

#include "http/http_server.hpp"

namespace certrenew::server {

RequestObserver json_access_log();

std::string mask_path(const std::string& path);
std::string mask_address(const std::string& address);

}  // namespace certrenew::server
