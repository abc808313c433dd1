#pragma once

// What PKCS#11 token flags say about the user PIN, in the ABI's terms.

#include <certrenew/token_driver.h>

#include <string>

#include "pkcs11.hpp"

namespace certrenew::pkcs11 {

// PKCS#11 gives no retry count, only flags: locked means 0 tries left, final-try means 1;
// anything else is unknown (SoftHSM2, and most tokens until a wrong PIN was entered).
std::int32_t retries_left(CK_FLAGS flags);

// The ABI record for a token: identity, CRT_TOKEN_* flags, retries, PIN length limits.
// `can_change_pin` says whether the driver offers change_pin for it.
crt_token_info abi_token_info(const CK_TOKEN_INFO& info, const std::string& id);

// "; 1 try left: the next wrong PIN locks the token" and similar, for PIN error messages.
std::string retries_sentence(CK_FLAGS flags);

}  // namespace certrenew::pkcs11
