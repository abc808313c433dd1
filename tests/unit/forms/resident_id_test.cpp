#include <doctest/doctest.h>

#include <chrono>

#include "certrenew/core/forms/validators.hpp"
#include "id_check.hpp"

using namespace certrenew::forms;
using namespace std::chrono;

namespace {
const sys_days kToday = sys_days{2024y / June / 1};
Reason check(const std::string& id) {
  return validate_resident_id(id, kToday).reason;
}
}  // namespace

TEST_CASE("the published vector is valid, lower-case x is normalised, white space trimmed") {
  CHECK(check("11010519491231002X") == Reason::ok);
  const auto lower = validate_resident_id(" 11010519491231002x\t", kToday);
  REQUIRE(lower.ok());
  CHECK(lower.value == "11010519491231002X");
  CHECK(validate_resident_id("\xE3\x80\x80"
                             "11010519491231002X",
                             kToday)
            .ok());  // U+3000
  CHECK(with_id_check("11010519491231002") == "11010519491231002X");
}

TEST_CASE("changing any single character breaks the checksum") {
  const std::string good = "11010519491231002X";
  for (std::size_t i = 0; i < good.size(); ++i) {
    for (char d : std::string("0123456789X")) {
      if (d == good[i] || (d == 'X' && i != 17)) continue;
      std::string bad = good;
      bad[i] = d;
      CAPTURE(bad);
      CHECK(check(bad) == Reason::resident_id_bad_checksum);
    }
  }
}

TEST_CASE("form and length") {
  CHECK(check("") == Reason::empty);
  CHECK(check("   ") == Reason::empty);
  CHECK(check("110105491231002") == Reason::resident_id_legacy_15_digits);
  CHECK(check("11010519491231002") == Reason::resident_id_wrong_length);
  CHECK(check("110105194912310021X") == Reason::resident_id_wrong_length);
  CHECK(check("1101051949123100211") == Reason::resident_id_wrong_length);
  CHECK(check("11010519491231002Y") == Reason::resident_id_bad_character);
  CHECK(check("X1010519491231002X") == Reason::resident_id_bad_character);
  CHECK(check("110105 19491231002X") == Reason::resident_id_bad_character);
  CHECK(check("１１０１０５１９４９１２３１００２Ｘ") == Reason::resident_id_bad_character);
}

TEST_CASE("region codes") {
  CHECK(check(with_id_check("11010519491231002")) == Reason::ok);
  for (const char* region :
       {"11", "15", "21", "23", "31", "37", "41", "46", "50", "54", "61", "65", "71", "81", "82"}) {
    CAPTURE(region);
    CHECK(check(with_id_check(std::string(region) + "010519491231002")) == Reason::ok);
  }
  for (const char* region : {"00", "10", "16", "20", "24", "30", "38", "40", "47", "49", "55", "60",
                             "66", "70", "72", "80", "83", "91", "99"}) {
    CAPTURE(region);
    CHECK(check(with_id_check(std::string(region) + "010519491231002")) ==
          Reason::resident_id_bad_region);
  }
}

TEST_CASE("birth dates") {
  const auto with_birth = [](const std::string& yyyymmdd) {
    return with_id_check("110105" + yyyymmdd + "002");
  };
  CHECK(check(with_birth("20000229")) == Reason::ok);  // leap year
  CHECK(check(with_birth("19000101")) == Reason::ok);
  CHECK(check(with_birth("20240601")) == Reason::ok);                          // born today
  CHECK(check(with_birth("19000229")) == Reason::resident_id_bad_birth_date);  // not a leap year
  CHECK(check(with_birth("19491331")) == Reason::resident_id_bad_birth_date);
  CHECK(check(with_birth("19490431")) == Reason::resident_id_bad_birth_date);
  CHECK(check(with_birth("19490100")) == Reason::resident_id_bad_birth_date);
  CHECK(check(with_birth("18991231")) == Reason::resident_id_birth_date_before_1900);
  CHECK(check(with_birth("20240602")) == Reason::resident_id_birth_date_in_future);
  CHECK(check(with_birth("29990101")) == Reason::resident_id_birth_date_in_future);
}

TEST_CASE("the overload without a date uses today") {
  CHECK(validate_resident_id("11010519491231002X").ok());
  CHECK(validate_resident_id(with_id_check("11010599991231002")).reason ==
        Reason::resident_id_birth_date_in_future);
}
