#pragma once

// PKCS#11 return values (CKR_*) as people and the driver ABI understand them.

#include <certrenew/token_driver.h>

#include <string>
#include <string_view>

#include "pkcs11.hpp"

namespace certrenew::pkcs11 {

// "CKR_PIN_INCORRECT", or "CKR_VENDOR_DEFINED+0x12" / "unknown CKR 0x..." for others.
std::string rv_name(CK_RV rv);
// One sentence saying what the value means, e.g. "the PIN is incorrect".
std::string_view rv_sentence(CK_RV rv);
// The ABI status a failure maps to (CRT_ERR_PIN_INCORRECT, CRT_ERR_TOKEN_NOT_PRESENT, ...).
crt_status rv_status(CK_RV rv);
// "C_Login returned CKR_PIN_INCORRECT (0x000000A0): the PIN is incorrect".
std::string describe_rv(std::string_view function, CK_RV rv);

// Throws DriverError(rv_status(rv), "<doing>: <describe_rv>") unless rv is CKR_OK.
void check_rv(CK_RV rv, std::string_view function, std::string_view doing);
[[noreturn]] void throw_rv(CK_RV rv, std::string_view function, std::string_view doing);

}  // namespace certrenew::pkcs11
