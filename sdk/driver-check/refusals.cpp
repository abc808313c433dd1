#include "refusals.hpp"

#include "certrenew/core/token/token_error.hpp"

namespace certrenew::driver_check {

std::string refused_as_existing(const std::function<void()>& again, std::string_view accepted,
                                std::string_view again_named) {
  try {
    again();
    return std::string(accepted);
  } catch (const token::TokenError& e) {
    if (e.code() == token::TokenErrc::object_exists) return {};
    return std::string(again_named) + " should give CRT_ERR_OBJECT_EXISTS: " + e.what();
  }
}

}  // namespace certrenew::driver_check
