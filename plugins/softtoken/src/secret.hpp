#pragma once

// Secrets (DEK, KEK, PIN copies, decrypted PKCS#8) live in the driver kit's wiped, move-only
// buffer (sdk/include/certrenew/driver_kit/secret.hpp).

#include <certrenew/driver_kit/secret.hpp>

namespace certrenew::softtoken {
using driver_kit::Secret;
}  // namespace certrenew::softtoken
