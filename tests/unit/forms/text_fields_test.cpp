// Names, addresses and generic text: lengths in code points, control characters refused.
#include <doctest/doctest.h>

#include "certrenew/core/forms/validators.hpp"
#include "refusals.hpp"

using namespace certrenew::forms;

namespace {
std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}
}  // namespace

TEST_CASE("person names") {
  CHECK(validate_person_name("胡某").value == "胡某");
  CHECK(validate_person_name("  胡某\t").value == "胡某");
  CHECK(validate_person_name("阿沛·阿旺晋美").ok());
  CHECK(validate_person_name("阿沛•阿旺晋美").value == "阿沛·阿旺晋美");   // U+2022 → U+00B7
  CHECK(validate_person_name("阿沛・阿旺晋美").value == "阿沛·阿旺晋美");  // U+30FB → U+00B7
  CHECK(validate_person_name("Mary-Jane O'Neil Jr.").ok());
  CHECK(validate_person_name("胡").ok());
  CHECK(validate_person_name(repeat("胡", 30)).ok());

  check_refused(validate_person_name, Reason::empty, {"", "\xE3\x80\x80"});
  check_refused(validate_person_name, Reason::name_too_long, {repeat("胡", 31)});
  check_refused(validate_person_name, Reason::name_has_digit, {"胡某2", "胡某２"});
  check_refused(validate_person_name, Reason::name_has_symbol, {"胡某@", "<script>"});
  check_refused(validate_person_name, Reason::control_character, {"胡\n某", "胡\x7F某"});
  CHECK(validate_person_name("胡\xE2\x80\x8B某").reason == Reason::control_character);  // ZWSP
  CHECK(validate_person_name("胡\xE2\x80\xAE某").reason == Reason::control_character);  // RLO
  CHECK(validate_person_name("\xE8\x83").reason == Reason::invalid_utf8);          // truncated 胡
  CHECK(validate_person_name("\xC0\xAF").reason == Reason::invalid_utf8);          // overlong '/'
  CHECK(validate_person_name("\xED\xA0\x80").reason == Reason::invalid_utf8);      // surrogate
  CHECK(validate_person_name("\xF4\x90\x80\x80").reason == Reason::invalid_utf8);  // > U+10FFFF
  check_refused(validate_person_name, Reason::invalid_utf8, {"\xFF"});
}

TEST_CASE("addresses") {
  CHECK(validate_address("北京市海淀区").ok());
  CHECK(validate_address("  北京市海淀区某某路1号  ").value == "北京市海淀区某某路1号");
  CHECK(validate_address("北京市海淀").ok());  // exactly 5
  CHECK(validate_address(repeat("路", 200)).ok());
  check_refused(validate_address, Reason::empty, {""});
  check_refused(validate_address, Reason::address_too_short, {"北京市海"});
  check_refused(validate_address, Reason::address_too_long, {repeat("路", 201)});
  check_refused(validate_address, Reason::control_character, {"北京市\r\n海淀区"});
  check_refused(validate_address, Reason::invalid_utf8, {"北京市\xFF海淀区"});
}

TEST_CASE("generic text fields") {
  CHECK(validate_text("备注", 10).ok());
  CHECK(validate_text(repeat("字", 10), 10).ok());
  CHECK(validate_text(repeat("字", 11), 10).reason == Reason::too_long);
  CHECK(validate_text("", 10).reason == Reason::empty);
  const auto optional_empty = validate_text("  ", 10, false);
  CHECK(optional_empty.ok());
  CHECK(optional_empty.value.empty());
  CHECK(validate_text("a\tb", 10).reason == Reason::control_character);
  CHECK(validate_text("a\xC3", 10, false).reason == Reason::invalid_utf8);
}
