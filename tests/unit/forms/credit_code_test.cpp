#include <doctest/doctest.h>

#include "certrenew/core/forms/validators.hpp"
#include "id_check.hpp"
#include "refusals.hpp"

using namespace certrenew::forms;

TEST_CASE("the published vector is valid and lower case is normalised") {
  CHECK(validate_credit_code("91110000600037341L").ok());
  CHECK(with_credit_check("91110000600037341") == "91110000600037341L");
  const auto lower = validate_credit_code(" 91110000600037341l ");
  REQUIRE(lower.ok());
  CHECK(lower.value == "91110000600037341L");
}

TEST_CASE("changing any single character breaks the checksum") {
  const std::string good = "91110000600037341L";
  const std::string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  for (std::size_t i = 0; i < good.size(); ++i) {
    for (char c : alphabet) {
      if (c == good[i]) continue;
      std::string bad = good;
      bad[i] = c;
      CAPTURE(bad);
      CHECK(validate_credit_code(bad).reason == Reason::credit_code_bad_checksum);
    }
  }
}

TEST_CASE("every check character value is produced and accepted") {
  // Vary the last data character to reach many check characters, including '0'.
  for (char c : std::string("0123456789ABCDEFGHJKLMNPQRTUWXY")) {
    const std::string code = with_credit_check(std::string("9111000060003734") + c);
    CAPTURE(code);
    CHECK(validate_credit_code(code).ok());
  }
}

TEST_CASE("bad credit codes") {
  check_refused(validate_credit_code, Reason::empty, {""});
  check_refused(validate_credit_code, Reason::credit_code_wrong_length,
                {"91110000600037341", "91110000600037341LL"});
  check_refused(validate_credit_code, Reason::credit_code_bad_character,
                {"9111000060003734IL", "9111000060003734OL", "91110000600037341Z",
                 "911100006000-7341L", "９１110000600037341L"});
}
