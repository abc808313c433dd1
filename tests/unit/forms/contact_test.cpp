// Mobile numbers and e-mail addresses.
#include <doctest/doctest.h>

#include "certrenew/core/forms/validators.hpp"
#include "refusals.hpp"

using namespace certrenew::forms;

TEST_CASE("mobile numbers are normalised to 11 digits") {
  for (const char* input : {"13812345678", "138 1234 5678", "138-1234-5678", "+8613812345678",
                            "+86 138 1234 5678", "008613812345678", " 0086-138-1234-5678 "}) {
    CAPTURE(input);
    const auto r = validate_mobile(input);
    REQUIRE(r.ok());
    CHECK(r.value == "13812345678");
  }
  for (const char* prefix : {"13", "14", "15", "16", "17", "18", "19"}) {
    CHECK(validate_mobile(std::string(prefix) + "912345678").ok());
  }
}

TEST_CASE("bad mobile numbers") {
  check_refused(validate_mobile, Reason::empty, {"", " - "});
  check_refused(validate_mobile, Reason::mobile_wrong_length,
                {"1381234567", "138123456789", "+86138123456789", "86 13812345678"});
  check_refused(validate_mobile, Reason::mobile_bad_prefix,
                {"12812345678", "10812345678", "23812345678"});
  check_refused(validate_mobile, Reason::mobile_bad_character,
                {"(138)12345678", "138.1234.5678", "１３８１２３４５６７８", "13812345678+"});
  check_refused(validate_mobile, Reason::mobile_not_mainland,
                {"+1 212 555 0100", "+85291234567", "0085291234567"});
}

TEST_CASE("e-mail addresses that are accepted") {
  CHECK(validate_email("hu@example.cn").value == "hu@example.cn");
  CHECK(validate_email(" Hu.Mou+renew@Mail.Example.COM ").value == "Hu.Mou+renew@mail.example.com");
  CHECK(validate_email("a_b-c@sub-domain.example.org").ok());
  CHECK(validate_email("用户@例子.中国").value == "用户@例子.中国");
  CHECK(validate_email("hu@例子。中国").value == "hu@例子.中国");
  CHECK(validate_email("hu＠163.com").value == "hu@163.com");
  CHECK(validate_email("x@xn--fiqs8s.cn").ok());
  CHECK(validate_email(std::string(64, 'a') + "@example.cn").ok());
}

TEST_CASE("e-mail addresses that are refused, each for its reason") {
  check_refused(validate_email, Reason::empty, {""});
  check_refused(validate_email, Reason::email_missing_at, {"hu.example.cn"});
  check_refused(validate_email, Reason::email_several_at, {"hu@mou@example.cn"});
  check_refused(
      validate_email, Reason::email_bad_local_part,
      {"@example.cn", ".hu@example.cn", "hu.@example.cn", "hu..mou@example.cn", "hu mou@example.cn",
       "\"hu\"@example.cn", "hu(x)@example.cn", std::string(65, 'a') + "@example.cn"});
  check_refused(validate_email, Reason::email_bad_domain,
                {"hu@", "hu@localhost", "hu@example..cn", "hu@.example.cn", "hu@example.cn.",
                 "hu@-example.cn", "hu@example-.cn", "hu@exa_mple.cn", "hu@192.168.1.1",
                 "hu@[192.168.1.1]", "hu@" + std::string(64, 'a') + ".cn"});
  std::string long_domain;
  for (int i = 0; i < 5; ++i) long_domain += std::string(60, 'a') + ".";
  check_refused(validate_email, Reason::email_too_long, {"hu@" + long_domain + "cn"});
  check_refused(validate_email, Reason::invalid_utf8, {"hu\xC3@example.cn"});
  check_refused(validate_email, Reason::email_bad_local_part, {"hu\xE2\x80\x8B@example.cn"});
}
