#pragma once
// A payment gateway's HTTP callback as the gateway adapter verifies it: the exact body and the
// headers (names in lower case; signatures cover both in some gateways' schemes).

#include <httplib.h>

#include <algorithm>
#include <cctype>

#include "payments/gateway.hpp"

namespace certrenew::server {

inline GatewayCallback gateway_callback(const httplib::Request& req) {
  GatewayCallback c;
  c.body = req.body;
  for (const auto& [name, value] : req.headers) {
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    c.headers.emplace(std::move(lower), value);
  }
  return c;
}

}  // namespace certrenew::server
