#pragma once
// A payment gateway's HTTP callback as the gateway adapter verifies it: the exact body and the
// headers (names in lower case; signatures cover both in some gateways' schemes).

#include "http/http_message.hpp"
#include "payments/gateway.hpp"

namespace certrenew::server {

inline GatewayCallback gateway_callback(const HttpRequest& req) {
  GatewayCallback c;
  c.body = req.body;
  for (const auto& [name, value] : req.headers) c.headers.emplace(name, value);  // lower case
  return c;
}

}  // namespace certrenew::server
