// The catalogue loader reads a translator's JSON and refuses every mistake by name: the catalogue,
// the entry and the problem, so that the error says where to look.
#include "certrenew/core/text/catalogue_loader.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <utility>

using certrenew::Catalogue;
using certrenew::CatalogueError;
using certrenew::Language;
using certrenew::load_catalogue;

namespace {

// A catalogue "t" whose entries are `entries` (the inside of the JSON array).
std::string with_entries(const std::string& entries) {
  return R"({"catalogue": "t", "note": "for tests", "entries": [)" + entries + "]}";
}

// What load_catalogue says of json; fails the test if it accepts it.
std::string refusal(const std::string& json) {
  try {
    load_catalogue("tests/t.json", json);
  } catch (const CatalogueError& e) {
    return e.what();
  }
  FAIL("accepted: " << json);
  return {};
}

// Checks that a refusal says part (the whole text is shown when it does not).
void check_says(const std::string& refusal, std::string_view part) {
  CHECK_MESSAGE(refusal.find(part) != std::string::npos, refusal);
}

}  // namespace

TEST_CASE("a catalogue loads with its notes, in order, and its texts outlive a move") {
  Catalogue loaded = load_catalogue("tests/t.json", with_entries(R"(
    {"id": "b.first", "zh-CN": "第{0}个：{1}", "en": "number {0}: {1}", "note": "{0} = n"},
    {"id": "a.second", "zh-CN": "无法连接。", "en": "Cannot connect: {}",
     "placeholders-in-one-language": ["{}"]})"));
  const Catalogue moved = std::move(loaded);
  CHECK(moved.name() == "t");
  REQUIRE(moved.entries().size() == 2);
  CHECK(moved.entries()[0].id == "b.first");
  CHECK(moved.entries()[0].note == "{0} = n");
  CHECK(moved.entries()[1].note.empty());
  CHECK(moved.in("b.first", Language::zh_CN) == "第{0}个：{1}");
  CHECK(moved.in("a.second", Language::en) == "Cannot connect: {}");
}

TEST_CASE("text that is not JSON, or not UTF-8, is refused naming the file") {
  check_says(refusal(R"({"catalogue": "t", "entries": [)"),
             "catalogue tests/t.json: not valid JSON");
  const std::string latin1 = with_entries("{\"id\": \"a\", \"zh-CN\": \"\xe4\", \"en\": \"A\"}");
  check_says(refusal(latin1), "catalogue tests/t.json: not valid JSON");
  check_says(refusal(latin1), "UTF-8");
  CHECK(refusal("[]") == "catalogue tests/t.json: is not a JSON object");
}

TEST_CASE("the catalogue's frame: a name, a list of entries, no other key") {
  CHECK(refusal(R"({"entries": [{"id": "a", "zh-CN": "甲", "en": "A"}]})") ==
        "catalogue tests/t.json: \"catalogue\" is missing");
  CHECK(refusal(R"({"catalogue": "t", "entries": []})") ==
        "catalogue t: \"entries\" is not a non-empty list");
  CHECK(refusal(R"({"catalogue": "t", "language": "fr", "entries": []})") ==
        "catalogue tests/t.json: unknown key \"language\"");
  CHECK(refusal(R"({"catalogue": "t", "catalogue": "u", "entries": []})") ==
        "catalogue tests/t.json: key \"catalogue\" appears twice");
}

TEST_CASE("an entry with a missing or empty language, or an unknown key, is refused by id") {
  CHECK(refusal(with_entries(R"({"id": "a.b", "zh-CN": "甲"})")) ==
        "catalogue t, entry a.b: \"en\" is missing");
  CHECK(refusal(with_entries(R"({"id": "a.b", "zh-CN": "", "en": "A"})")) ==
        "catalogue t, entry a.b: \"zh-CN\" is empty");
  CHECK(refusal(with_entries(R"({"id": "a.b", "zh-CN": "甲", "en": 1})")) ==
        "catalogue t, entry a.b: \"en\" is not a string");
  CHECK(refusal(with_entries(R"({"id": "a.b", "zh-CN": "甲", "en": "A", "fr": "Un"})")) ==
        "catalogue t, entry a.b: unknown key \"fr\"");
  CHECK(refusal(with_entries(R"({"id": "a.b", "zh-CN": "甲", "en": "A", "en": "B"})")) ==
        "catalogue t, entry a.b: key \"en\" appears twice");
  CHECK(refusal(with_entries(R"({"zh-CN": "甲", "en": "A"})")) ==
        "catalogue t, entry 1: \"id\" is missing");
  CHECK(refusal(with_entries(R"("a")")) == "catalogue t, entry 1: is not a JSON object");
}

TEST_CASE("an id twice, or not a plain ASCII id, is refused") {
  CHECK(refusal(with_entries(R"({"id": "a", "zh-CN": "甲", "en": "A"},
                                {"id": "a", "zh-CN": "乙", "en": "B"})")) ==
        "catalogue t, entry a: the id appears twice");
  CHECK(refusal(with_entries(R"({"id": "a b", "zh-CN": "甲", "en": "A"})")) ==
        "catalogue t, entry a b: the id is not of A-Z a-z 0-9 . _ -");
}

TEST_CASE("a brace that opens or closes no placeholder is refused") {
  CHECK(refusal(with_entries(R"({"id": "a", "zh-CN": "甲{0", "en": "A {0}"})")) ==
        "catalogue t, entry a: zh-CN a \"{\" at byte 3 opens no placeholder (\"{}\" or \"{N}\")");
  CHECK(refusal(with_entries(R"({"id": "a", "zh-CN": "甲{0}", "en": "A} {0}"})")) ==
        "catalogue t, entry a: en a \"}\" at byte 1 closes no placeholder");
  check_says(refusal(with_entries(R"({"id": "a", "zh-CN": "甲{name}", "en": "A {name}"})")),
             "opens no placeholder");
  CHECK(refusal(with_entries(R"({"id": "a", "zh-CN": "甲{}{1}", "en": "A {} {1}"})")) ==
        "catalogue t, entry a: zh-CN mixes \"{}\" with numbered placeholders");
}

TEST_CASE("placeholders that differ between the languages are refused unless declared exactly") {
  CHECK(refusal(with_entries(R"({"id": "a", "zh-CN": "甲{0}", "en": "A {0} {1}"})")) ==
        "catalogue t, entry a: placeholders differ between zh-CN ({0}) and en ({0} {1})");
  CHECK(refusal(with_entries(R"({"id": "a", "zh-CN": "甲{}", "en": "A {} {}"})")) ==
        "catalogue t, entry a: placeholders differ between zh-CN ({}) and en ({} {})");
  CHECK(refusal(with_entries(R"({"id": "a", "zh-CN": "甲", "en": "A {1}",
                                 "placeholders-in-one-language": ["{0}"]})")) ==
        "catalogue t, entry a: \"placeholders-in-one-language\" lists {0} but the languages "
        "differ in {1}");
  check_says(refusal(with_entries(R"({"id": "a", "zh-CN": "甲{0}", "en": "A {0}",
                                 "placeholders-in-one-language": ["{0}"]})")),
             "lists {0} but the languages differ in none");
  CHECK(refusal(with_entries(R"({"id": "a", "zh-CN": "甲", "en": "A {0}",
                                 "placeholders-in-one-language": ["x"]})")) ==
        "catalogue t, entry a: \"placeholders-in-one-language\" holds \"x\", not one placeholder "
        "listed once");
  // Declared exactly: each language puts its own argument.
  CHECK_NOTHROW(load_catalogue("tests/t.json", with_entries(R"(
    {"id": "a", "zh-CN": "配置 {0}：{2}", "en": "configuration {0}: {1}",
     "placeholders-in-one-language": ["{1}", "{2}"]})")));
}
