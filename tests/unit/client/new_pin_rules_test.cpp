// The new-PIN rules of 修改密码 / 解锁 (client::check_new_pin): the token's lengths when it states
// them, 6 to 16 otherwise, never more than the app takes; the first rule broken is the one said.
#include <doctest/doctest.h>

#include <string>

#include "certrenew/client/flow/new_pin_rules.hpp"

using namespace certrenew;
using client::check_new_pin;
using client::NewPinProblem;

TEST_CASE("new PIN lengths come from the token, else 6 to 16, capped at what the app takes") {
  token::PinState unknown;
  CHECK(client::new_pin_lengths(unknown).min == 6);
  CHECK(client::new_pin_lengths(unknown).max == 16);
  token::PinState stated;
  stated.min_len = 4;
  stated.max_len = 200;
  CHECK(client::new_pin_lengths(stated).min == 4);
  CHECK(client::new_pin_lengths(stated).max == client::kMaxPinBytes);
  token::PinState odd;  // a minimum above the maximum: the maximum wins
  odd.min_len = 30;
  odd.max_len = 8;
  CHECK(client::new_pin_lengths(odd).min == 8);
  CHECK(client::new_pin_lengths(odd).max == 8);
}

TEST_CASE("the first rule a new PIN breaks is reported; a good one passes") {
  token::PinState pin;  // 6..16
  CHECK(check_new_pin(pin, "123456", "", "") == NewPinProblem::empty);
  CHECK(check_new_pin(pin, "123456", "12345", "12345") == NewPinProblem::too_short);
  CHECK(check_new_pin(pin, "123456", std::string(17, '7'), std::string(17, '7')) ==
        NewPinProblem::too_long);
  CHECK(check_new_pin(pin, "123456", "864200", "864201") == NewPinProblem::confirmation_differs);
  CHECK(check_new_pin(pin, "123456", "123456", "123456") == NewPinProblem::same_as_current);
  CHECK_FALSE(check_new_pin(pin, "123456", "864200", "864200").has_value());
  // Unblocking: the current user PIN is not known, so it is not compared.
  CHECK_FALSE(check_new_pin(pin, "", "123456", "123456").has_value());
  CHECK_FALSE(check_new_pin(pin, "123456", std::string(16, '7'), std::string(16, '7')).has_value());
}
