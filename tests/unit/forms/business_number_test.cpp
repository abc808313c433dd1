// Business numbers (业务单号) and order numbers.
#include "certrenew/core/forms/business_number.hpp"

#include <doctest/doctest.h>

#include <stdexcept>

#include "refusals.hpp"

using namespace certrenew::forms;
using namespace std::chrono;

TEST_CASE("the seed guide's numbers") {
  CHECK(make_business_number(2017y / September / 21, 846) == "01201709210000846");
  const auto parsed = parse_business_number("01201709210000846");
  REQUIRE(parsed.ok());
  CHECK(parsed.number == DatedNumber{2017y / September / 21, 846});

  CHECK(make_order_number(2017y / September / 21, 1) == "201709210001");
  const auto order = parse_order_number(" 201709210001 ");
  REQUIRE(order.ok());
  CHECK(order.number == DatedNumber{2017y / September / 21, 1});
}

TEST_CASE("round trips at the edges") {
  for (const DatedNumber& n : {DatedNumber{2000y / January / 1, 1},
                               DatedNumber{2024y / February / 29, kMaxBusinessSequence},
                               DatedNumber{9999y / December / 31, 1234567}}) {
    CHECK(parse_business_number(make_business_number(n.date, n.sequence)).number == n);
  }
  CHECK(parse_order_number(make_order_number(2024y / February / 29, kMaxOrderSequence)).number ==
        DatedNumber{2024y / February / 29, 9999});
}

TEST_CASE("making a number from bad parts is a programming error") {
  CHECK_THROWS_AS(make_business_number(2023y / February / 29, 1), std::invalid_argument);
  CHECK_THROWS_AS(make_business_number(1899y / December / 31, 1), std::invalid_argument);
  CHECK_THROWS_AS(make_business_number(2017y / September / 21, 0), std::invalid_argument);
  CHECK_THROWS_AS(make_business_number(2017y / September / 21, kMaxBusinessSequence + 1),
                  std::invalid_argument);
  CHECK_THROWS_AS(make_order_number(2017y / September / 21, 10000), std::invalid_argument);
  CHECK_THROWS_AS(make_order_number(2017y / September / 31, 1), std::invalid_argument);
}

TEST_CASE("bad business numbers") {
  check_refused(parse_business_number, Reason::empty, {""});
  check_refused(parse_business_number, Reason::business_number_wrong_length,
                {"0120170921000084", "012017092100008460"});
  check_refused(parse_business_number, Reason::business_number_not_digits,
                {"0120170921000084A", "01-20170921-0000846"});
  check_refused(parse_business_number, Reason::business_number_bad_prefix, {"02201709210000846"});
  check_refused(
      parse_business_number, Reason::business_number_bad_date,
      {"01201709310000846", "01201713010000846", "01202302290000846", "01189912310000846"});
  check_refused(parse_business_number, Reason::business_number_zero_sequence,
                {"01201709210000000"});
}

TEST_CASE("bad order numbers") {
  check_refused(parse_order_number, Reason::empty, {""});
  check_refused(parse_order_number, Reason::order_number_wrong_length,
                {"20170921001", "2017092100001"});
  check_refused(parse_order_number, Reason::order_number_not_digits, {"2017O9210001"});
  check_refused(parse_order_number, Reason::order_number_bad_date, {"201709000001"});
  check_refused(parse_order_number, Reason::order_number_zero_sequence, {"201709210000"});
}
