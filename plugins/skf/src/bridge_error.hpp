#pragma once

// Every failure inside the SKF bridge is the driver kit's DriverError: an ABI status and a
// sentence for last_error. The kit's entry points catch it (and everything else), so nothing
// crosses the C boundary.

#include <certrenew/driver_kit/buffers.hpp>
#include <certrenew/driver_kit/error.hpp>
#include <certrenew/driver_kit/secret.hpp>

namespace certrenew::skf {
namespace kit = driver_kit;
using kit::Bytes, kit::DriverError, kit::fail, kit::Secret;
}  // namespace certrenew::skf
