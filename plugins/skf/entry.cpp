// The one exported symbol of libcertrenew-skf.so; everything else is hidden.
#include <certrenew/token_driver.h>
#include <certrenew/skf/driver.hpp>

extern "C" CRT_DRIVER_EXPORT const crt_driver_v1* certrenew_driver_v1(void) {
  return certrenew::skf::driver_table();
}
