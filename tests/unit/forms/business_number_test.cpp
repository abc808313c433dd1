// Business numbers (业务单号) and order numbers.
#include "certrenew/core/forms/business_number.hpp"

#include <doctest/doctest.h>

#include <stdexcept>

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
  CHECK(parse_business_number("").reason == Reason::empty);
  CHECK(parse_business_number("0120170921000084").reason == Reason::business_number_wrong_length);
  CHECK(parse_business_number("012017092100008460").reason == Reason::business_number_wrong_length);
  CHECK(parse_business_number("0120170921000084A").reason == Reason::business_number_not_digits);
  CHECK(parse_business_number("01-20170921-0000846").reason == Reason::business_number_not_digits);
  CHECK(parse_business_number("02201709210000846").reason == Reason::business_number_bad_prefix);
  CHECK(parse_business_number("01201709310000846").reason == Reason::business_number_bad_date);
  CHECK(parse_business_number("01201713010000846").reason == Reason::business_number_bad_date);
  CHECK(parse_business_number("01202302290000846").reason == Reason::business_number_bad_date);
  CHECK(parse_business_number("01189912310000846").reason == Reason::business_number_bad_date);
  CHECK(parse_business_number("01201709210000000").reason == Reason::business_number_zero_sequence);
}

TEST_CASE("bad order numbers") {
  CHECK(parse_order_number("").reason == Reason::empty);
  CHECK(parse_order_number("20170921001").reason == Reason::order_number_wrong_length);
  CHECK(parse_order_number("2017092100001").reason == Reason::order_number_wrong_length);
  CHECK(parse_order_number("2017O9210001").reason == Reason::order_number_not_digits);
  CHECK(parse_order_number("201709000001").reason == Reason::order_number_bad_date);
  CHECK(parse_order_number("201709210000").reason == Reason::order_number_zero_sequence);
}
