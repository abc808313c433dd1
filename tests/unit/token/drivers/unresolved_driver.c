/*
 * A real shared library that the system loader refuses under RTLD_NOW: it calls a function that
 * no library defines. The host must report a load error (not "not a library") and carry on.
 */
#include <certrenew/token_driver.h>

extern const crt_driver_v1* certrenew_fixture_function_nobody_defines(void);

CRT_DRIVER_EXPORT const crt_driver_v1* certrenew_driver_v1(void) {
  return certrenew_fixture_function_nobody_defines();
}
