// Mobile numbers and e-mail addresses.
#include <doctest/doctest.h>

#include "certrenew/core/forms/validators.hpp"

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
  CHECK(validate_mobile("").reason == Reason::empty);
  CHECK(validate_mobile(" - ").reason == Reason::empty);
  CHECK(validate_mobile("1381234567").reason == Reason::mobile_wrong_length);
  CHECK(validate_mobile("138123456789").reason == Reason::mobile_wrong_length);
  CHECK(validate_mobile("+86138123456789").reason == Reason::mobile_wrong_length);
  CHECK(validate_mobile("86 13812345678").reason == Reason::mobile_wrong_length);
  CHECK(validate_mobile("12812345678").reason == Reason::mobile_bad_prefix);
  CHECK(validate_mobile("10812345678").reason == Reason::mobile_bad_prefix);
  CHECK(validate_mobile("23812345678").reason == Reason::mobile_bad_prefix);
  CHECK(validate_mobile("(138)12345678").reason == Reason::mobile_bad_character);
  CHECK(validate_mobile("138.1234.5678").reason == Reason::mobile_bad_character);
  CHECK(validate_mobile("１３８１２３４５６７８").reason == Reason::mobile_bad_character);
  CHECK(validate_mobile("13812345678+").reason == Reason::mobile_bad_character);
  CHECK(validate_mobile("+1 212 555 0100").reason == Reason::mobile_not_mainland);
  CHECK(validate_mobile("+85291234567").reason == Reason::mobile_not_mainland);
  CHECK(validate_mobile("0085291234567").reason == Reason::mobile_not_mainland);
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
  CHECK(validate_email("").reason == Reason::empty);
  CHECK(validate_email("hu.example.cn").reason == Reason::email_missing_at);
  CHECK(validate_email("hu@mou@example.cn").reason == Reason::email_several_at);
  CHECK(validate_email("@example.cn").reason == Reason::email_bad_local_part);
  CHECK(validate_email(".hu@example.cn").reason == Reason::email_bad_local_part);
  CHECK(validate_email("hu.@example.cn").reason == Reason::email_bad_local_part);
  CHECK(validate_email("hu..mou@example.cn").reason == Reason::email_bad_local_part);
  CHECK(validate_email("hu mou@example.cn").reason == Reason::email_bad_local_part);
  CHECK(validate_email("\"hu\"@example.cn").reason == Reason::email_bad_local_part);
  CHECK(validate_email("hu(x)@example.cn").reason == Reason::email_bad_local_part);
  CHECK(validate_email(std::string(65, 'a') + "@example.cn").reason ==
        Reason::email_bad_local_part);
  CHECK(validate_email("hu@").reason == Reason::email_bad_domain);
  CHECK(validate_email("hu@localhost").reason == Reason::email_bad_domain);
  CHECK(validate_email("hu@example..cn").reason == Reason::email_bad_domain);
  CHECK(validate_email("hu@.example.cn").reason == Reason::email_bad_domain);
  CHECK(validate_email("hu@example.cn.").reason == Reason::email_bad_domain);
  CHECK(validate_email("hu@-example.cn").reason == Reason::email_bad_domain);
  CHECK(validate_email("hu@example-.cn").reason == Reason::email_bad_domain);
  CHECK(validate_email("hu@exa_mple.cn").reason == Reason::email_bad_domain);
  CHECK(validate_email("hu@192.168.1.1").reason == Reason::email_bad_domain);
  CHECK(validate_email("hu@[192.168.1.1]").reason == Reason::email_bad_domain);
  CHECK(validate_email("hu@" + std::string(64, 'a') + ".cn").reason == Reason::email_bad_domain);
  std::string long_domain;
  for (int i = 0; i < 5; ++i) long_domain += std::string(60, 'a') + ".";
  CHECK(validate_email("hu@" + long_domain + "cn").reason == Reason::email_too_long);
  CHECK(validate_email("hu\xC3@example.cn").reason == Reason::invalid_utf8);
  CHECK(validate_email("hu\xE2\x80\x8B@example.cn").reason == Reason::email_bad_local_part);
}
