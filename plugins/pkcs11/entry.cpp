// The one exported symbol of libcertrenew-pkcs11.so; everything else is hidden.
#include <certrenew/token_driver.h>
#include <certrenew/pkcs11/driver.hpp>

extern "C" CRT_DRIVER_EXPORT const crt_driver_v1* certrenew_driver_v1(void) {
  return certrenew::pkcs11::driver_table();
}
