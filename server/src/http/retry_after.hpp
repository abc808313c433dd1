#pragma once
// 429 answers carry Retry-After (RFC 9110), in seconds, from the error's
// details.retry_after_seconds.

#include "http/http_message.hpp"

#include "service/api_error.hpp"

namespace certrenew::server {

inline void set_retry_after(HttpAnswer& res, const ApiError& e) {
  const auto& d = e.details();
  if (d.is_object() && d.contains("retry_after_seconds") &&
      d["retry_after_seconds"].is_number_integer())
    res.set_header("Retry-After", std::to_string(d["retry_after_seconds"].get<long long>()));
}

}  // namespace certrenew::server
