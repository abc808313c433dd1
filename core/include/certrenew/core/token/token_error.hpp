#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace certrenew::token {

// Mirrors the driver ABI's CRT_ERR_* codes one to one (same numbers), so callers can react to a
// wrong PIN or a missing token without knowing the C header. A status the host does not know
// becomes `general`; the number is kept in TokenError::status() and in the message.
enum class TokenErrc {
  general = 1,
  arguments = 2,
  buffer_too_small = 3,
  not_supported = 4,
  config = 5,
  token_not_present = 6,
  pin_incorrect = 7,
  pin_locked = 8,
  pin_invalid = 9,
  not_logged_in = 10,
  object_not_found = 11,
  object_exists = 12,
  device = 13,
  token_full = 14,
  cancelled = 15,
  data_invalid = 16,
};

// The errc for a driver status; unknown numbers (and CRT_OK, which is no error) give `general`.
TokenErrc errc_from_status(std::int32_t status);
// A short English phrase for the code, e.g. "the PIN is incorrect".
std::string_view describe(TokenErrc code);

// Thrown by every token operation that fails. The message names the operation, the reason, the
// retries left for PIN errors, and the driver's own last_error text when it gave one.
class TokenError : public std::runtime_error {
 public:
  // `status` is the raw driver status, or 0 when the host itself found the problem.
  TokenError(TokenErrc code, std::string_view operation, std::string_view detail,
             std::string driver_message = {}, std::optional<int> retries_left = std::nullopt,
             std::int32_t status = 0);

  // Builds the error for a failed driver call from its status and last_error text.
  static TokenError from_status(std::string_view operation, std::int32_t status,
                                std::string driver_message,
                                std::optional<int> retries_left = std::nullopt);

  TokenErrc code() const { return code_; }
  std::int32_t status() const { return status_; }
  const std::string& driver_message() const { return driver_message_; }
  // Set for PIN errors when the driver told how many tries remain.
  std::optional<int> retries_left() const { return retries_left_; }

 private:
  TokenErrc code_;
  std::int32_t status_;
  std::string driver_message_;
  std::optional<int> retries_left_;
};

}  // namespace certrenew::token
