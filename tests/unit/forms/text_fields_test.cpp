// Names, addresses and generic text: lengths in code points, control characters refused.
#include <doctest/doctest.h>

#include "certrenew/core/forms/validators.hpp"

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

  CHECK(validate_person_name("").reason == Reason::empty);
  CHECK(validate_person_name("\xE3\x80\x80").reason == Reason::empty);
  CHECK(validate_person_name(repeat("胡", 31)).reason == Reason::name_too_long);
  CHECK(validate_person_name("胡某2").reason == Reason::name_has_digit);
  CHECK(validate_person_name("胡某２").reason == Reason::name_has_digit);
  CHECK(validate_person_name("胡某@").reason == Reason::name_has_symbol);
  CHECK(validate_person_name("<script>").reason == Reason::name_has_symbol);
  CHECK(validate_person_name("胡\n某").reason == Reason::control_character);
  CHECK(validate_person_name("胡\x7F某").reason == Reason::control_character);
  CHECK(validate_person_name("胡\xE2\x80\x8B某").reason == Reason::control_character);  // ZWSP
  CHECK(validate_person_name("胡\xE2\x80\xAE某").reason == Reason::control_character);  // RLO
  CHECK(validate_person_name("\xE8\x83").reason == Reason::invalid_utf8);          // truncated 胡
  CHECK(validate_person_name("\xC0\xAF").reason == Reason::invalid_utf8);          // overlong '/'
  CHECK(validate_person_name("\xED\xA0\x80").reason == Reason::invalid_utf8);      // surrogate
  CHECK(validate_person_name("\xF4\x90\x80\x80").reason == Reason::invalid_utf8);  // > U+10FFFF
  CHECK(validate_person_name("\xFF").reason == Reason::invalid_utf8);
}

TEST_CASE("addresses") {
  CHECK(validate_address("北京市海淀区").ok());
  CHECK(validate_address("  北京市海淀区某某路1号  ").value == "北京市海淀区某某路1号");
  CHECK(validate_address("北京市海淀").ok());  // exactly 5
  CHECK(validate_address(repeat("路", 200)).ok());
  CHECK(validate_address("").reason == Reason::empty);
  CHECK(validate_address("北京市海").reason == Reason::address_too_short);
  CHECK(validate_address(repeat("路", 201)).reason == Reason::address_too_long);
  CHECK(validate_address("北京市\r\n海淀区").reason == Reason::control_character);
  CHECK(validate_address("北京市\xFF海淀区").reason == Reason::invalid_utf8);
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
