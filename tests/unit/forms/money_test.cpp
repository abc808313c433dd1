// Integer-fen money: parsing, formatting, overflow.
#include "certrenew/core/forms/money.hpp"

#include <doctest/doctest.h>

#include <limits>

#include "refusals.hpp"

using namespace certrenew::forms;

namespace {
std::int64_t fen(std::string_view text, bool negative_ok = false) {
  const auto r = parse_money(text, negative_ok);
  REQUIRE_MESSAGE(r.ok(), text);
  return r.money.fen();
}
MoneyParse parse(std::string_view text) {
  return parse_money(text, false);
}
MoneyParse parse_negative_ok(std::string_view text) {
  return parse_money(text, true);
}
constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
}  // namespace

TEST_CASE("amounts people write") {
  CHECK(fen("100") == 10000);
  CHECK(fen("100.5") == 10050);
  CHECK(fen("100.00") == 10000);
  CHECK(fen("100.05") == 10005);
  CHECK(fen("0") == 0);
  CHECK(fen("0.01") == 1);
  CHECK(fen("007.10") == 710);
  CHECK(fen(" 300.00 ") == 30000);
  CHECK(fen("-3.5", true) == -350);
  CHECK(fen("92233720368547758.07") == kMax);
}

TEST_CASE("amounts that are refused") {
  check_refused(parse, Reason::empty, {"", "  "});
  check_refused(parse, Reason::money_negative, {"-1", "-0.00"});
  check_refused(parse, Reason::money_too_many_decimals, {"100.001", "0.999"});
  check_refused(parse, Reason::money_too_large, {"92233720368547758.08", "99999999999999999999"});
  check_refused(parse_negative_ok, Reason::money_too_large, {"-92233720368547758.08"});
  check_refused(parse_negative_ok, Reason::money_bad_format,
                {"abc", "1e3", "+100", "1,000", "100.", ".5", "1.2.3", "--1", "- 1", "100元",
                 "¥100", "１００", "0x10", "1 000", "nan", "-"});
}

TEST_CASE("formatting always shows two decimals") {
  CHECK(Money::from_fen(10000).to_string() == "100.00");
  CHECK(Money::from_fen(10050).to_string() == "100.50");
  CHECK(Money::from_fen(5).to_string() == "0.05");
  CHECK(Money::from_fen(0).to_string() == "0.00");
  CHECK(Money::from_fen(-350).to_string() == "-3.50");
  CHECK(Money::from_fen(kMax).to_string() == "92233720368547758.07");
  CHECK(Money::from_fen(kMin).to_string() == "-92233720368547758.08");
  for (std::int64_t v : {std::int64_t{1}, std::int64_t{99}, std::int64_t{12345}, kMax}) {
    CHECK(parse_money(Money::from_fen(v).to_string()).money.fen() == v);
  }
}

TEST_CASE("fee × years and totals, with overflow detected") {
  const Money fee = Money::from_fen(10000);  // 100.00元/年
  REQUIRE(fee.times(3).has_value());
  CHECK(fee.times(3)->to_string() == "300.00");
  CHECK(fee.times(0)->fen() == 0);
  CHECK(fee.times(-2)->fen() == -20000);
  CHECK_FALSE(Money::from_fen(kMax).times(2).has_value());
  CHECK_FALSE(Money::from_fen(kMin).times(-1).has_value());
  CHECK_FALSE(Money::from_fen(-2).times(kMax).has_value());
  CHECK_FALSE(Money::from_fen(kMax / 2 + 1).times(2).has_value());
  CHECK(Money::from_fen(kMax / 2).times(2)->fen() == kMax - 1);
  CHECK(Money::from_fen(kMin / 2).times(2)->fen() == kMin);
  CHECK(fee.plus(Money::from_fen(50))->fen() == 10050);
  CHECK_FALSE(Money::from_fen(kMax).plus(Money::from_fen(1)).has_value());
  CHECK_FALSE(Money::from_fen(kMin).plus(Money::from_fen(-1)).has_value());
  CHECK(Money::from_fen(1) < Money::from_fen(2));
  CHECK(Money::from_fen(2) == Money::from_fen(2));
}
