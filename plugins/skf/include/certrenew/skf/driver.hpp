#pragma once

#include <certrenew/token_driver.h>

namespace certrenew::skf {

// The SKF bridge's function table. The shared library's certrenew_driver_v1 returns it.
const crt_driver_v1* driver_table();

}  // namespace certrenew::skf
