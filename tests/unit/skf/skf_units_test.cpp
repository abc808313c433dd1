// The SKF bridge's pure parts: SAR_* codes, name lists as libraries return them, container names,
// the configuration reader.
#include <doctest/doctest.h>

#include <algorithm>

#include <certrenew/driver_kit/error.hpp>

#include "catalogues/skf_texts.hpp"
#include "containers.hpp"
#include "devices.hpp"
#include "driver_config.hpp"
#include "sar_codes.hpp"

using namespace certrenew::skf;

TEST_CASE("every SAR_* has a name, a bilingual sentence and the status the host reacts to") {
  for (ULONG rv = SAR_FAIL; rv <= SAR_REACH_MAX_CONTAINER_COUNT; ++rv) {
    CAPTURE(rv);
    CHECK(sar_name(rv).rfind("SAR_", 0) == 0);
    CHECK(sar_sentence(rv).find(" (") != std::string_view::npos);  // English (中文)
    CHECK(sar_status(rv) != CRT_OK);
  }
  CHECK(sar_status(SAR_PIN_INCORRECT) == CRT_ERR_PIN_INCORRECT);
  CHECK(sar_status(SAR_PIN_LOCKED) == CRT_ERR_PIN_LOCKED);
  CHECK(sar_status(SAR_PIN_LEN_RANGE) == CRT_ERR_PIN_INVALID);
  CHECK(sar_status(SAR_DEVICE_REMOVED) == CRT_ERR_TOKEN_NOT_PRESENT);
  CHECK(sar_status(SAR_USER_NOT_LOGGED_IN) == CRT_ERR_NOT_LOGGED_IN);
  CHECK(sar_status(SAR_NO_ROOM) == CRT_ERR_TOKEN_FULL);
  CHECK(describe_sar("SKF_VerifyPIN", SAR_PIN_INCORRECT) ==
        "SKF_VerifyPIN returned SAR_PIN_INCORRECT (0x0A000024): the PIN is incorrect "
        "(PIN 码不正确)");
  CHECK(sar_name(0x0A00FFFF) == "unknown SAR 0x0A00FFFF");
  CHECK(sar_status(0x0A00FFFF) == CRT_ERR_GENERAL);
}

TEST_CASE("name lists are read however a library ends them") {
  const auto list = [](const std::string& bytes) {
    return split_name_list(std::vector<char>(bytes.begin(), bytes.end()));
  };
  CHECK(list(std::string("a\0bc\0\0", 6)) == std::vector<std::string>{"a", "bc"});
  CHECK(list(std::string("a\0bc\0", 5)) == std::vector<std::string>{"a", "bc"});  // one NUL short
  CHECK(list(std::string("a\0bc", 4)) == std::vector<std::string>{"a", "bc"});    // none at all
  CHECK(list(std::string("\0\0", 2)).empty());
  CHECK(list(std::string("\0", 1)).empty());
  CHECK(list("").empty());
}

TEST_CASE("a new container is named from the label, printable ASCII, never a taken name") {
  CHECK(new_container_name({}, "renewed 2026") == "renewed2026");
  const std::string suffixed = new_container_name({"renewed"}, "renewed");
  CHECK(suffixed.rfind("renewed-", 0) == 0);
  CHECK(suffixed.size() == std::string("renewed-").size() + 8);
  CHECK(new_container_name({}, "签名").rfind("CertRenew-", 0) == 0);
}

TEST_CASE("the configuration: library required, filters, device key, unknown keys refused") {
  const DriverConfig config = parse_driver_config(
      R"({"library": "/x/libskf.so", "applications": ["A"], "containers": ["SIGN-*", "c1"],
          "dev_auth_key": "000102030405060708090A0B0C0D0E0F", "hotplug": false})");
  CHECK(config.library == "/x/libskf.so");
  CHECK(config.shows_application("A"));
  CHECK_FALSE(config.shows_application("B"));
  CHECK(config.shows_container("SIGN-1"));
  CHECK(config.shows_container("c1"));
  CHECK_FALSE(config.shows_container("c10"));
  REQUIRE(config.dev_auth_key);
  CHECK(config.dev_auth_key->size() == 16);
  CHECK(config.dev_auth_key->data()[15] == 0x0F);
  CHECK_FALSE(config.hotplug);

  for (const char* bad : {"", "{}", "[]", R"({"library": ""})", R"({"library": "x", "pin": "1"})",
                          R"({"library": "x", "dev_auth_key": "0g0102030405060708090a0b0c0d0e0f"})",
                          R"({"library": "x", "containers": [1]})"}) {
    CAPTURE(bad);
    try {
      parse_driver_config(bad);
      FAIL("accepted");
    } catch (const certrenew::driver_kit::DriverError& e) {
      CHECK(e.status() == CRT_ERR_CONFIG);
    }
  }
}

TEST_CASE("every SKF text has both languages, its row in enum order, and fills its blanks") {
  for (std::size_t i = 0; i < static_cast<std::size_t>(SkfText::count_); ++i) {
    CAPTURE(i);
    const SkfTextPair& text = skf_text(static_cast<SkfText>(i));
    CHECK(static_cast<std::size_t>(text.id) == i);
    CHECK_FALSE(text.english.empty());
    CHECK_FALSE(text.chinese.empty());
    // English is ASCII; the Chinese side holds at least one non-ASCII (Chinese) character.
    CHECK(std::all_of(text.english.begin(), text.english.end(),
                      [](char c) { return static_cast<unsigned char>(c) < 0x80; }));
    CHECK(std::any_of(text.chinese.begin(), text.chinese.end(),
                      [](char c) { return static_cast<unsigned char>(c) >= 0x80; }));
  }
  CHECK(say(SkfText::container_missing, {"old"}) == "no container named old (容器不存在)");
  CHECK(say(SkfText::tries_left, {"2"}) == "2 tries left (还剩 2 次)");
  CHECK(say(SkfText::not_skf_library, {"/lib/x.so", "SKF_EnumDev"}) ==
        "/lib/x.so is not an SKF (GM/T 0016) library: it lacks SKF_EnumDev "
        "(不是 SKF 库: 缺少 SKF_EnumDev)");
  // A blank without an argument stays as it is rather than reading past the list.
  CHECK(say(SkfText::function_missing) == "the SKF library offers no {} (该库不支持 {})");
}
