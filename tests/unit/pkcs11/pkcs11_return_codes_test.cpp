// The bridge's table of PKCS#11 return values: every one has a name and a sentence, and the ones
// the host reacts to map to the right driver status. Uses the bridge's code directly.
#include <doctest/doctest.h>

#include <string>
#include <utility>

#include "bridge_error.hpp"
#include "return_codes.hpp"

using namespace certrenew::pkcs11;

TEST_CASE("PKCS#11 return values read as names and sentences") {
  CHECK(rv_name(CKR_PIN_INCORRECT) == "CKR_PIN_INCORRECT");
  CHECK(rv_sentence(CKR_PIN_INCORRECT) == "the PIN is incorrect");
  CHECK(describe_rv("C_Login", CKR_PIN_LOCKED) ==
        "C_Login returned CKR_PIN_LOCKED (0x000000A4): the PIN is locked (blocked)");
  CHECK(rv_name(CKR_VENDOR_DEFINED + 0x12) == "CKR_VENDOR_DEFINED+0x00000012");
  CHECK(rv_name(0x777) == "unknown CKR 0x00000777");
  for (CK_RV rv = 0; rv <= CKR_FUNCTION_REJECTED; ++rv) {
    CAPTURE(rv);
    CHECK_FALSE(rv_sentence(rv).empty());
  }
}

TEST_CASE("PKCS#11 failures map to the driver statuses the host reacts to") {
  const std::pair<CK_RV, crt_status> expected[] = {
      {CKR_PIN_INCORRECT, CRT_ERR_PIN_INCORRECT},
      {CKR_PIN_LOCKED, CRT_ERR_PIN_LOCKED},
      {CKR_PIN_LEN_RANGE, CRT_ERR_PIN_INVALID},
      {CKR_PIN_INVALID, CRT_ERR_PIN_INVALID},
      {CKR_USER_NOT_LOGGED_IN, CRT_ERR_NOT_LOGGED_IN},
      {CKR_DEVICE_REMOVED, CRT_ERR_TOKEN_NOT_PRESENT},
      {CKR_TOKEN_NOT_PRESENT, CRT_ERR_TOKEN_NOT_PRESENT},
      {CKR_SESSION_HANDLE_INVALID, CRT_ERR_TOKEN_NOT_PRESENT},
      {CKR_DEVICE_MEMORY, CRT_ERR_TOKEN_FULL},
      {CKR_DEVICE_ERROR, CRT_ERR_DEVICE},
      {CKR_FUNCTION_CANCELED, CRT_ERR_CANCELLED},
      {CKR_MECHANISM_INVALID, CRT_ERR_NOT_SUPPORTED},
      {CKR_DATA_LEN_RANGE, CRT_ERR_DATA_INVALID},
      {CKR_VENDOR_DEFINED + 1, CRT_ERR_GENERAL}};
  for (const auto& [rv, status] : expected) {
    CAPTURE(rv);
    CHECK(rv_status(rv) == status);
  }

  try {
    check_rv(CKR_PIN_INCORRECT, "C_Login", "logging in");
    FAIL("no error");
  } catch (const DriverError& e) {
    CHECK(e.status() == CRT_ERR_PIN_INCORRECT);
    CHECK(std::string(e.what()) ==
          "logging in: C_Login returned CKR_PIN_INCORRECT (0x000000A0): the PIN is incorrect");
  }
  CHECK_NOTHROW(check_rv(CKR_OK, "C_Login", "logging in"));
}
