#include "certrenew/core/token/token_error.hpp"

#include <array>
#include <string>
#include <utility>

#include "certrenew/core/lookup_table.hpp"

namespace certrenew::token {

TokenErrc errc_from_status(std::int32_t status) {
  if (status >= static_cast<std::int32_t>(TokenErrc::general) &&
      status <= static_cast<std::int32_t>(TokenErrc::data_invalid))
    return static_cast<TokenErrc>(status);
  return TokenErrc::general;
}

constexpr auto kTokenErrcDescriptions = std::to_array<std::pair<TokenErrc, std::string_view>>({
    {TokenErrc::general, "the driver reported an error"},
    {TokenErrc::arguments, "the driver rejected the arguments"},
    {TokenErrc::buffer_too_small, "the buffer was too small"},
    {TokenErrc::not_supported, "the operation or algorithm is not supported"},
    {TokenErrc::config, "the driver configuration is not valid"},
    {TokenErrc::token_not_present, "the token is not present"},
    {TokenErrc::pin_incorrect, "the PIN is incorrect"},
    {TokenErrc::pin_locked, "the PIN is locked"},
    {TokenErrc::pin_invalid, "the PIN has a length or characters the token does not accept"},
    {TokenErrc::not_logged_in, "the token needs a login first"},
    {TokenErrc::object_not_found, "no such object on the token"},
    {TokenErrc::object_exists, "the object exists already"},
    {TokenErrc::device, "the device failed"},
    {TokenErrc::token_full, "the token is full"},
    {TokenErrc::cancelled, "cancelled on the device"},
    {TokenErrc::data_invalid, "the data is not acceptable"},
});

std::string_view describe(TokenErrc code) {
  return lookup(kTokenErrcDescriptions, code).value_or("unknown error");
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
