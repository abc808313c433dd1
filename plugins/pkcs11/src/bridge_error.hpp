#pragma once

// Every failure inside the bridge is the driver kit's DriverError: an ABI status and a sentence
// for last_error. The ABI entry points catch it (and everything else) so nothing crosses the C
// boundary.

#include <certrenew/driver_kit/error.hpp>

namespace certrenew::pkcs11 {
namespace kit = driver_kit;  // the bridge's code says kit::X for the SDK's driver kit
using kit::DriverError, kit::fail;
}  // namespace certrenew::pkcs11
