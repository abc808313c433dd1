// The redaction rules of the log, the report and the support bundle.
#include <doctest/doctest.h>

#include "certrenew/client/diagnostics/redaction.hpp"

using namespace certrenew::client::diagnostics;
using nlohmann::json;

TEST_CASE("ID numbers are masked to their first six and last four characters") {
  CHECK(redact("ID 11010519491231002X ok") == "ID 110105********002X ok");
  CHECK(redact("身份证号110105194912310021。") == "身份证号110105********0021。");
  CHECK(redact("x=11010519491231002x") == "x=110105********002x");
  CHECK(mask_id_number("11010519491231002X") == "110105********002X");
}

TEST_CASE("mobile numbers are masked, also with +86 or written in groups") {
  CHECK(redact("call 13800138000 now") == "call 138****8000 now");
  CHECK(redact("+8613800138000") == "+86138****8000");
  CHECK(redact("138-0013-8000 / 138 0013 8000") == "138-****-8000 / 138 **** 8000");
  CHECK(redact("手机：13912345678") == "手机：139****5678");
  CHECK(mask_mobile("13800138000") == "138****8000");
}

TEST_CASE("numbers that are neither are left alone") {
  // Business numbers (17 digits), 12-digit amounts, a landline, a 19-digit run, an 11-digit
  // number that is not a mobile, a hex fingerprint.
  const std::string text =
      "business 01201709210000846 amount 100000000000 tel 010-12345678 card 6222020200001234567 "
      "n 12345678901 fp 3a7bd3e2360a3d29eea436fcfb7e44c735d117c4";
  CHECK(redact(text) == text);
}

TEST_CASE("values after secret keys are removed, descriptions of them are kept") {
  CHECK(redact("login pin=123456 done") == "login pin=[removed] done");
  CHECK(redact("user_pin: 8888 88") == "user_pin: [removed] 88");
  CHECK(redact(R"({"pin": "123456", "pin_retries_left": 3})") ==
        R"({"pin": "[removed]", "pin_retries_left": 3})");
  CHECK(redact(R"(body {\"password\":\"s3cret!\"})") == R"(body {\"password\":\"[removed]\"})");
  CHECK(redact("GET /x?capability_token=AbCdEf123456&x=1") ==
        "GET /x?capability_token=[removed]&x=1");
  CHECK(redact("PIN码：654321，口令=abc123，密码: xyz") ==
        "PIN码：[removed]，口令=[removed]，密码: [removed]");
  CHECK(redact("token_id=TWIN-A-0001 pin_pad=1") == "token_id=TWIN-A-0001 pin_pad=1");
  CHECK(is_secret_key("capability_token"));
  CHECK(is_secret_key("userPin"));  // camel case
  CHECK(is_secret_key("accesstoken"));
  CHECK(is_secret_key("X-Auth-Token"));
  CHECK_FALSE(is_secret_key("softtoken"));  // a driver's name
  CHECK(redact("softtoken: root must be a string") == "softtoken: root must be a string");
  CHECK_FALSE(is_secret_key("pin_retries"));
  CHECK_FALSE(is_secret_key("spinner"));
}

TEST_CASE("bearer values and URL credentials are removed") {
  CHECK(redact("Authorization: Bearer abc.def-ghi") == "Authorization: Bearer [removed]");
  CHECK(redact("authorization=Basic dXNlcjpwYXNz") == "authorization=Basic [removed]");
  CHECK(redact("header Bearer abcdefghijkl end") == "header Bearer [removed] end");
  CHECK(redact("proxy http://alice:pa55@proxy.corp:3128/ ok") ==
        "proxy http://[removed]@proxy.corp:3128/ ok");
  CHECK(redact_url_credentials("https://u@h:1") == "https://[removed]@h:1");
  CHECK(redact_url_credentials("https://renew.example.cn/api") == "https://renew.example.cn/api");
}

TEST_CASE("registered secrets are removed wherever they appear") {
  Redactor r;
  r.add_secret("Zx9_capability-TOKEN-value_0123456789abcdefghijk");
  r.add_secret("abc");  // too short to be treated as a secret: ignored
  CHECK(r.apply("saw Zx9_capability-TOKEN-value_0123456789abcdefghijk in a URL") ==
        "saw [removed] in a URL");
  CHECK(r.apply("abc") == "abc");
}

TEST_CASE("redaction is idempotent") {
  const std::string text =
      "pin=1234 11010519491231002X 13800138000 Bearer xyz https://a:b@h/ 密码：x \"pin\": \"9\"";
  const std::string once = redact(text);
  CHECK(redact(once) == once);
  CHECK(once.find("1234") == std::string::npos);
  CHECK(once.find("13800138000") == std::string::npos);
}

TEST_CASE("JSON documents keep their shape") {
  Redactor r;
  r.add_secret("secret-capability-value");
  const json in = {{"capability_token", "anything"},
                   {"pin", 123456},
                   {"pin_locked", true},
                   {"note", "mobile 13800138000, cap secret-capability-value"},
                   {"list", {"11010519491231002X", 5}}};
  const json out = r.apply_json(in);
  CHECK(out["capability_token"] == "[removed]");
  CHECK(out["pin"] == "[removed]");
  CHECK(out["pin_locked"] == true);
  CHECK(out["note"] == "mobile 138****8000, cap [removed]");
  CHECK(out["list"][0] == "110105********002X");
  CHECK(out["list"][1] == 5);
}
