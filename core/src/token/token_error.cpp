#include "certrenew/core/token/token_error.hpp"

#include <string>

namespace certrenew::token {

TokenErrc errc_from_status(std::int32_t status) {
  if (status >= static_cast<std::int32_t>(TokenErrc::general) &&
      status <= static_cast<std::int32_t>(TokenErrc::data_invalid))
    return static_cast<TokenErrc>(status);
  return TokenErrc::general;
}

std::string_view describe(TokenErrc code) {
  switch (code) {
    case TokenErrc::general:
      return "the driver reported an error";
    case TokenErrc::arguments:
      return "the driver rejected the arguments";
    case TokenErrc::buffer_too_small:
      return "the buffer was too small";
    case TokenErrc::not_supported:
      return "the operation or algorithm is not supported";
    case TokenErrc::config:
      return "the driver configuration is not valid";
    case TokenErrc::token_not_present:
      return "the token is not present";
    case TokenErrc::pin_incorrect:
      return "the PIN is incorrect";
    case TokenErrc::pin_locked:
      return "the PIN is locked";
    case TokenErrc::pin_invalid:
      return "the PIN has a length or characters the token does not accept";
    case TokenErrc::not_logged_in:
      return "the token needs a login first";
    case TokenErrc::object_not_found:
      return "no such object on the token";
    case TokenErrc::object_exists:
      return "the object exists already";
    case TokenErrc::device:
      return "the device failed";
    case TokenErrc::token_full:
      return "the token is full";
    case TokenErrc::cancelled:
      return "cancelled on the device";
    case TokenErrc::data_invalid:
      return "the data is not acceptable";
  }
  return "unknown error";
}

namespace {

std::string compose(std::string_view operation, std::string_view detail,
                    const std::string& driver_message, std::optional<int> retries_left) {
  std::string text(operation);
  text += " failed: ";
  text += detail;
  if (retries_left) {
    text +=
        *retries_left == 1 ? "; 1 try left" : "; " + std::to_string(*retries_left) + " tries left";
  }
  if (!driver_message.empty() && driver_message != detail) {
    text += " (driver: ";
    text += driver_message;
    text += ")";
  }
  return text;
}

}  // namespace

TokenError::TokenError(TokenErrc code, std::string_view operation, std::string_view detail,
                       std::string driver_message, std::optional<int> retries_left,
                       std::int32_t status)
    : std::runtime_error(compose(operation, detail, driver_message, retries_left)),
      code_(code),
      status_(status),
      driver_message_(std::move(driver_message)),
      retries_left_(retries_left) {}

TokenError TokenError::from_status(std::string_view operation, std::int32_t status,
                                   std::string driver_message, std::optional<int> retries_left) {
  const TokenErrc code = errc_from_status(status);
  const bool known = status == static_cast<std::int32_t>(code);
  const std::string detail = known ? std::string(describe(code))
                                   : "the driver returned unknown status " + std::to_string(status);
  return TokenError(code, operation, detail, std::move(driver_message), retries_left, status);
}

}  // namespace certrenew::token
