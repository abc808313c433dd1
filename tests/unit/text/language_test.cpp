// The one Language: its tags, and a strict parser that refuses anything else.
#include "certrenew/core/text/language.hpp"

#include <doctest/doctest.h>

#include "certrenew/core/text/text.hpp"

using certrenew::Language;

TEST_CASE("every language has a tag that parses back to it") {
  CHECK(certrenew::tag(Language::zh_CN) == "zh-CN");
  CHECK(certrenew::tag(Language::en) == "en");
  for (Language language : certrenew::kLanguages) {
    CHECK(certrenew::parse_language(certrenew::tag(language)) == language);
  }
}

TEST_CASE("a tag that is not exactly zh-CN or en is refused") {
  for (const char* bad : {"", "zh", "zh-cn", "ZH-CN", "zh_CN", "en-US", "EN", " en", "en "}) {
    CAPTURE(bad);
    CHECK_FALSE(certrenew::parse_language(bad).has_value());
  }
}

TEST_CASE("a Text shows the language asked for, and pieces join per language") {
  const certrenew::Text a{"甲", "A"};
  CHECK(a.in(Language::zh_CN) == "甲");
  CHECK(a.in(Language::en) == "A");
  const certrenew::Text ab = a + certrenew::Text{"乙", "B"};
  CHECK(ab == certrenew::Text{"甲乙", "AB"});
  CHECK(certrenew::Text{}.empty());
  CHECK_FALSE(a.empty());
}
