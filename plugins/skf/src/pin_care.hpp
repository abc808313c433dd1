#pragma once

// The user PIN of an SKF application: login, change, unblock with the administrator PIN. The
// retry counter comes from SKF_GetPINInfo before and after each try, so the answer is right
// whichever of the two conventions a library follows for the try that locks the PIN (some
// answer SAR_PIN_INCORRECT with 0 tries left, others SAR_PIN_LOCKED).

#include <certrenew/driver_kit/boundary.hpp>

#include "session.hpp"

namespace certrenew::skf {

void verify_user_pin(DriverSession& s, const std::uint8_t* pin, std::size_t len,
                     kit::RetriesOut& retries);
void change_user_pin(DriverSession& s, const Secret& old_pin, const Secret& new_pin,
                     kit::RetriesOut& retries);
// `retries` receives the administrator PIN's tries left.
void unblock_user_pin(DriverSession& s, const Secret& admin_pin, const Secret& new_pin,
                      kit::RetriesOut& retries);

}  // namespace certrenew::skf
