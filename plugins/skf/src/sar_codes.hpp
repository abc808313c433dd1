#pragma once

// GM/T 0016 return values (SAR_*) as people and the driver ABI understand them, in English and
// Chinese (the sentences live in catalogues/skf_texts.cpp).

#include <certrenew/skf/gmt0016.h>
#include <certrenew/token_driver.h>

#include <string>
#include <string_view>

namespace certrenew::skf {

// "SAR_PIN_INCORRECT", or "unknown SAR 0x0A00FFFF".
std::string sar_name(ULONG rv);
// the PIN is incorrect, in both languages.
std::string sar_sentence(ULONG rv);
// The ABI status a failure maps to.
crt_status sar_status(ULONG rv);
// "SKF_VerifyPIN returned SAR_PIN_INCORRECT (0x0A000024): " and the sentence above.
std::string describe_sar(std::string_view function, ULONG rv);

// Throws DriverError(sar_status(rv), "<doing>: <describe_sar>") unless rv is SAR_OK.
void check_sar(ULONG rv, std::string_view function, std::string_view doing);
[[noreturn]] void throw_sar(ULONG rv, std::string_view function, std::string_view doing);

}  // namespace certrenew::skf
