#pragma once
// How the kit tells that a driver refused a write the way the contract asks.

#include <functional>
#include <string>
#include <string_view>

namespace certrenew::driver_check {

// Runs `again`, a second write of something the token already holds, which must be refused with
// CRT_ERR_OBJECT_EXISTS. Empty when it was; otherwise the failure to report: `accepted` when the
// driver took it, or "<again_named> should give CRT_ERR_OBJECT_EXISTS: <the driver's error>".
// Errors other than token::TokenError pass through.
std::string refused_as_existing(const std::function<void()>& again, std::string_view accepted,
                                std::string_view again_named);

}  // namespace certrenew::driver_check
