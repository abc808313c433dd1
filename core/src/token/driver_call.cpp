#include "driver_call.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

namespace certrenew::token::detail {

std::string last_error_text(const crt_driver_v1& table, crt_context* ctx) {
  // Asked right after a failure; a driver that cannot tell us just gives no text.
  std::size_t len = 0;
  if (table.last_error(ctx, nullptr, &len) != CRT_OK || len == 0) return {};
  std::vector<char> buffer(len);
  std::size_t filled = len;
  if (table.last_error(ctx, buffer.data(), &filled) != CRT_OK) return {};
  return bounded_text(buffer.data(), std::min(filled, len));
}

void check(const crt_driver_v1& table, crt_context* ctx, crt_status status,
           std::string_view operation, std::optional<int> retries_left) {
  if (status == CRT_OK) return;
  throw TokenError::from_status(operation, status, last_error_text(table, ctx), retries_left);
}

std::string bounded_text(const char* field, std::size_t capacity) {
  const void* nul = std::memchr(field, '\0', capacity);
  const std::size_t len =
      nul ? static_cast<std::size_t>(static_cast<const char*>(nul) - field) : capacity;
  return std::string(field, len);
}

}  // namespace certrenew::token::detail
