#pragma once

// Helpers for calling a driver: turning a status into a TokenError with the driver's own text,
// and the two-call size pattern. Callers hold the context's mutex.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <certrenew/token_driver.h>

#include "certrenew/core/token/token_error.hpp"

namespace certrenew::token::detail {

// The driver's last_error text for `ctx` ("" when it has none or the call fails).
std::string last_error_text(const crt_driver_v1& table, crt_context* ctx);

// Throws TokenError for a non-OK status, with the driver's last_error text.
void check(const crt_driver_v1& table, crt_context* ctx, crt_status status,
           std::string_view operation, std::optional<int> retries_left = std::nullopt);

// The two-call pattern: `call(buf, len)` with buf == nullptr asks the size; then fill. Retries a
// few times when the size grows in between (a token plugged in meanwhile).
template <typename T, typename Call>
std::vector<T> two_call(const crt_driver_v1& table, crt_context* ctx, std::string_view operation,
                        Call call);

// Copies a fixed-size driver text field, stopping at the NUL or the end of the field.
std::string bounded_text(const char* field, std::size_t capacity);

template <typename T, typename Call>
std::vector<T> two_call(const crt_driver_v1& table, crt_context* ctx, std::string_view operation,
                        Call call) {
  for (int attempt = 0; attempt < 4; ++attempt) {
    std::size_t len = 0;
    check(table, ctx, call(static_cast<T*>(nullptr), &len), operation);
    if (len == 0) return {};
    std::vector<T> buffer(len);
    std::size_t filled = len;
    crt_status status = call(buffer.data(), &filled);
    if (status == CRT_ERR_BUFFER_TOO_SMALL) continue;
    check(table, ctx, status, operation);
    if (filled > len)
      throw TokenError(TokenErrc::general, operation,
                       "the driver wrote past the buffer it was given");
    buffer.resize(filled);
    return buffer;
  }
  throw TokenError(TokenErrc::general, operation,
                   "the driver kept changing the size it needs (two-call pattern)");
}

}  // namespace certrenew::token::detail
