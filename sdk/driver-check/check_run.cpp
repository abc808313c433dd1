#include "certrenew/core/pin_input.hpp"
#include "checks.hpp"

namespace certrenew::driver_check {

void CheckRun::run() {
  if (!check_load()) return;
  if (!check_open()) return;
  // The buffer checks need no token, so they run even when none is connected.
  check_two_call_list_tokens();
  check_two_call_last_error();
  if (!check_tokens()) return;
  check_token_info();
  check_mechanisms();
  if (!open_session()) return;
  check_wrong_pin();
  check_login();
  check_objects();
  check_writes();
  check_encryption_keys();
  check_logout();
}

const SecureBuffer* CheckRun::pin() {
  if (!options_.pin && options_.prompt_for_pin && !asked_terminal_) {
    asked_terminal_ = true;
    auto typed = pin_from_terminal("PIN for token '" + token_->id + "' (not shown): ");
    if (typed && !typed->empty()) options_.pin = std::move(*typed);
  }
  return options_.pin ? &*options_.pin : nullptr;
}

void CheckRun::skip_rest(const std::string& reason) {
  report_.skip("remaining checks", reason);
}

}  // namespace certrenew::driver_check
