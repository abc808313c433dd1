#pragma once

#include <certrenew/token_driver.h>

namespace certrenew::softtoken {

// The softtoken driver's function table. The shared library's certrenew_driver_v1 returns it;
// tests call it directly, with no library loading in between.
const crt_driver_v1* driver_table();

}  // namespace certrenew::softtoken
