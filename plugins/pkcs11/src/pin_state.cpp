#include "pin_state.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

#include <certrenew/driver_kit/buffers.hpp>

#include "bridge_error.hpp"

#include "token_scan.hpp"

namespace certrenew::pkcs11 {

namespace {

std::uint32_t pin_length(CK_ULONG value) {
  if (value == CK_UNAVAILABLE_INFORMATION || value == CK_EFFECTIVELY_INFINITE) return 0;
  return static_cast<std::uint32_t>(
      std::min<CK_ULONG>(value, std::numeric_limits<std::uint32_t>::max()));
}

}  // namespace

std::int32_t retries_left(CK_FLAGS flags) {
  if (flags & CKF_USER_PIN_LOCKED) return 0;
  if (flags & CKF_USER_PIN_FINAL_TRY) return 1;
  return CRT_RETRIES_UNKNOWN;
}

crt_token_info abi_token_info(const CK_TOKEN_INFO& info, const std::string& id) {
  crt_token_info out;
  std::memset(&out, 0, sizeof out);
  using kit::copy_text;
  copy_text(out.id, id);
  copy_text(out.label, padded_text(info.label, sizeof info.label));
  copy_text(out.manufacturer, padded_text(info.manufacturerID, sizeof info.manufacturerID));
  copy_text(out.model, padded_text(info.model, sizeof info.model));

  const CK_FLAGS f = info.flags;
  const bool pin_pad = f & CKF_PROTECTED_AUTHENTICATION_PATH;
  const bool write_protected = f & CKF_WRITE_PROTECTED;
  if (pin_pad) out.flags |= CRT_TOKEN_PIN_PAD;
  if (write_protected) out.flags |= CRT_TOKEN_WRITE_PROTECTED;
  if (f & CKF_USER_PIN_COUNT_LOW) out.flags |= CRT_TOKEN_PIN_COUNT_LOW;
  // A locked PIN is no longer on its final try, whatever a confused module says.
  if (f & CKF_USER_PIN_LOCKED)
    out.flags |= CRT_TOKEN_PIN_LOCKED;
  else if (f & CKF_USER_PIN_FINAL_TRY)
    out.flags |= CRT_TOKEN_PIN_FINAL_TRY;
  // C_SetPIN with typed PINs; a PIN-pad token would ask on the device, which the ABI's
  // change_pin (PINs as bytes) cannot express.
  if (!pin_pad && !write_protected) out.flags |= CRT_TOKEN_PIN_CHANGE;

  out.pin_retries_left = retries_left(f);
  out.pin_retries_max = CRT_RETRIES_UNKNOWN;  // PKCS#11 does not tell
  out.pin_min_len = pin_length(info.ulMinPinLen);
  out.pin_max_len = pin_length(info.ulMaxPinLen);
  if (out.pin_min_len != 0 && out.pin_max_len != 0 && out.pin_min_len > out.pin_max_len)
    out.pin_min_len = out.pin_max_len = 0;  // nonsense from the module: say "unknown"
  return out;
}

std::string retries_sentence(CK_FLAGS flags) {
  if (flags & CKF_USER_PIN_LOCKED) return "; the PIN is now locked";
  if (flags & CKF_USER_PIN_FINAL_TRY) return "; 1 try left: the next wrong PIN locks the token";
  if (flags & CKF_USER_PIN_COUNT_LOW) return "; the token warns that few tries are left";
  return "; the token does not say how many tries are left";
}

}  // namespace certrenew::pkcs11
