// Every reason has text in both languages and a unique id, and every reason can actually happen.
#include "certrenew/core/forms/reason.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <functional>
#include <set>

#include "certrenew/core/forms/business_number.hpp"
#include "certrenew/core/forms/money.hpp"
#include "certrenew/core/forms/validators.hpp"
#include "id_check.hpp"

using namespace certrenew::forms;
using certrenew::Language;
using namespace std::chrono;

TEST_CASE("every reason has zh-CN and English text and a unique, reversible id") {
  std::set<std::string_view> ids;
  for (Reason r : all_reasons()) {
    CAPTURE(reason_id(r));
    CHECK_FALSE(message(r, Language::zh_CN).empty());
    CHECK_FALSE(message(r, Language::en).empty());
    CHECK(message(r).zh == message(r, Language::zh_CN));
    CHECK(message(r).en == message(r, Language::en));
    CHECK(message(r).zh != message(r).en);
    CHECK(ids.insert(reason_id(r)).second);
    CHECK(reason_from_id(reason_id(r)) == r);
  }
  CHECK_FALSE(reason_from_id("no.such_reason").has_value());
  CHECK_FALSE(message(static_cast<Reason>(9999), Language::en).empty());
}

TEST_CASE("every reason is reachable from some input") {
  const sys_days today = sys_days{2024y / June / 1};
  const auto id = [&](const std::string& s) { return validate_resident_id(s, today).reason; };
  const std::vector<std::function<Reason()>> producers = {
      [&] { return id("11010519491231002X"); },
      [&] { return id(""); },
      [] { return validate_text("abc", 2).reason; },
      [] { return validate_text("\xFF", 2).reason; },
      [] { return validate_text("\x01", 2).reason; },
      [&] { return id("110105491231002"); },
      [&] { return id("1101051949123100"); },
      [&] { return id("11010519491231002Y"); },
      [&] { return id("110105194912310021"); },
      [&] { return id("11010519491231002X"); },
      [&] { return id(with_id_check("99010519491231002")); },
      [&] { return id(with_id_check("11010519491331002")); },
      [&] { return id(with_id_check("11010529991231002")); },
      [&] { return id(with_id_check("11010518991231002")); },
      [] { return validate_mobile("138x").reason; },
      [] { return validate_mobile("+1 555").reason; },
      [] { return validate_mobile("138").reason; },
      [] { return validate_mobile("12812345678").reason; },
      [] {
        std::string domain;
        for (int i = 0; i < 5; ++i) domain += std::string(60, 'b') + ".";
        return validate_email("a@" + domain + "cn").reason;
      },
      [] { return validate_email("a").reason; },
      [] { return validate_email("a@b@c.cn").reason; },
      [] { return validate_email(".a@b.cn").reason; },
      [] { return validate_email("a@b").reason; },
      [] { return validate_credit_code("911").reason; },
      [] { return validate_credit_code("91110000600037341I").reason; },
      [] { return validate_credit_code("91110000600037341M").reason; },
      [] { return validate_person_name(std::string(31, 'a')).reason; },
      [] { return validate_person_name("a1").reason; },
      [] { return validate_person_name("a#").reason; },
      [] { return validate_address("abc").reason; },
      [] { return validate_address(std::string(201, 'a')).reason; },
      [] { return parse_money("x").reason; },
      [] { return parse_money("-1").reason; },
      [] { return parse_money("1.001").reason; },
      [] { return parse_money("99999999999999999999").reason; },
      [] { return parse_business_number("01").reason; },
      [] { return parse_business_number("0120170921000084x").reason; },
      [] { return parse_business_number("02201709210000846").reason; },
      [] { return parse_business_number("01201702300000846").reason; },
      [] { return parse_business_number("01201709210000000").reason; },
      [] { return parse_order_number("2017").reason; },
      [] { return parse_order_number("20170921000x").reason; },
      [] { return parse_order_number("201702300001").reason; },
      [] { return parse_order_number("201709210000").reason; },
  };
  std::set<Reason> reached;
  for (const auto& produce : producers) reached.insert(produce());
  for (Reason r : all_reasons()) {
    CAPTURE(reason_id(r));
    CHECK(reached.count(r) == 1);
  }
}

TEST_CASE("a Validation says ok only for Reason::ok") {
  CHECK(Validation::valid("x").ok());
  CHECK(static_cast<bool>(Validation::valid("x")));
  CHECK_FALSE(Validation::invalid(Reason::empty).ok());
  CHECK(Validation::invalid(Reason::empty).message(Language::zh_CN) == message(Reason::empty).zh);
}
