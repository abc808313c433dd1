// The one exported symbol of libcertrenew-softtoken.so; everything else is hidden.
#include <certrenew/token_driver.h>
#include <certrenew/softtoken/driver.hpp>

extern "C" CRT_DRIVER_EXPORT const crt_driver_v1* certrenew_driver_v1(void) {
  return certrenew::softtoken::driver_table();
}
