#pragma once

#include <string>

#include "vendor_library.hpp"

namespace certrenew::skf {

// What the bridge takes from SKF_GetDevInfo.
struct DeviceFacts {
  std::string serial, label, manufacturer;
  ULONG dev_auth_alg = 0;  // SGD_SM4_ECB, SGD_SM1_ECB ...; 0 when not recognised
  ULONG asym_cap = 0;      // SGD_SM2_1 | SGD_RSA ... (AlgAsymCap)
};

// Reads DEVINFO into a buffer with room to spare and takes only what every known layout agrees
// on: the text fields come before the first ULONG, so packed (the standard) and naturally
// aligned builds agree on them; DevAuthAlgId is taken from whichever of the two offsets holds a
// known algorithm (and AlgAsymCap from the same layout). Text is cut at its NUL and trailing blanks
// / 0xFF fill are dropped.
DeviceFacts read_device_info(const SkfFunctions& api, DEVHANDLE device);

}  // namespace certrenew::skf
