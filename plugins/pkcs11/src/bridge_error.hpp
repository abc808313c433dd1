#pragma once

// Every failure inside the bridge is the driver kit's DriverError: an ABI status and a sentence
// for last_error. The ABI entry points catch it (and everything else) so nothing crosses the C
// boundary.

#include <certrenew/driver_kit/error.hpp>

namespace certrenew::pkcs11 {
using driver_kit::DriverError, driver_kit::fail;
}  // namespace certrenew::pkcs11
