#pragma once

#include <certrenew/token_driver.h>

namespace certrenew::pkcs11 {

// The PKCS#11 bridge's function table. The shared library's certrenew_driver_v1 returns it.
const crt_driver_v1* driver_table();

}  // namespace certrenew::pkcs11
