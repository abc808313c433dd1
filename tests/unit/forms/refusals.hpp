#pragma once
// The form tests' refusals: a validator refuses each of some inputs for one reason.

#include <doctest/doctest.h>

#include <initializer_list>
#include <string>

#include "certrenew/core/forms/reason.hpp"

// Each of `inputs` is refused by `validate` (a validator or parser with a `.reason` in its
// answer) for `reason`; a failure names the input and both reasons.
template <typename Validate>
void check_refused(Validate&& validate, certrenew::forms::Reason reason,
                   std::initializer_list<std::string> inputs) {
  using certrenew::forms::reason_id;
  for (const std::string& input : inputs) {
    CAPTURE(input);
    const certrenew::forms::Reason got = validate(input).reason;
    CHECK_MESSAGE(got == reason, "refused for ", reason_id(got), ", not ", reason_id(reason));
  }
}
