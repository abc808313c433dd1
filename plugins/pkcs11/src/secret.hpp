#pragma once

// A copy of a PIN is kept in the driver kit's wiped, move-only buffer
// (sdk/include/certrenew/driver_kit/secret.hpp).

#include <certrenew/driver_kit/secret.hpp>

namespace certrenew::pkcs11 {
using driver_kit::Secret;
}  // namespace certrenew::pkcs11
