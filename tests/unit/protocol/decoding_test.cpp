// The one strict decoder: paths of the first problem, ranges, UTF-8, hostile documents, and the
// request messages decoding what their encoders write.
#include <doctest/doctest.h>

#include <limits>

#include "certrenew/core/protocol/json_field.hpp"
#include "certrenew/core/protocol/request_schema.hpp"
#include "certrenew/core/protocol/requests.hpp"
#include "protocol_testing.hpp"
#include "wrong_bodies.hpp"

using namespace certrenew;
using namespace certrenew::protocol;
using certrenew::protocol::testing::error_of;
using nlohmann::json;

namespace {

json transfers_body() {
  return {{"records",
           {{{"payer_account", "6222"},
             {"payer_name", "某公司"},
             {"amount", "200.00"},
             {"paid_on", "2026-11-24"},
             {"remarks", ""}},
            {{"payer_account", "6223"},
             {"payer_name", "某公司"},
             {"amount", "1.00"},
             {"paid_on", "2026-11-24"}}}}};
}

// An application's content with every required member.
ApplicationContent sample_content(int period_months) {
  ApplicationContent c;
  c.period_months = period_months;
  c.operator_info = {"resident_id", "11010519491231002X", "胡某", "13800138000", "hu@example.cn"};
  c.recipient = {"胡某", "13800138000", "广东省佛山市"};
  c.agreement = {"2026.1", std::string(64, 'a')};
  c.csr = {0x30, 0x03, 0x02, 0x01, 0x01};
  c.nonce = "0123456789abcdef";
  c.time = *UtcTime::parse("2026-11-24T02:00:00Z");
  return c;
}

}  // namespace

TEST_CASE("parse_json turns every problem of the text into DecodeError") {
  CHECK(error_of([] { parse_json("1e999"); }) == "a number is out of range");
  CHECK(error_of([] { parse_json("{\"a\": 1e999}"); }) == "a number is out of range");
  CHECK(error_of([] { parse_json("{\"a\": \"\xff\"}"); }) == "not valid JSON");
  CHECK(error_of([] { parse_json("{"); }) == "not valid JSON");
  CHECK(error_of([] { parse_json(std::string(100000, '[')); }) == "nested too deeply");
  CHECK(parse_json("{\"a\": [1, \"x\"]}")["a"][1] == "x");
}

TEST_CASE("encode_json never throws, even for text that is not UTF-8") {
  json j = {{"message", std::string("unknown filter \xff\xfe")}};
  CHECK_THROWS(j.dump());  // what the error handler used to do
  const std::string out = encode_json(j);
  CHECK(out.find("\xef\xbf\xbd") != std::string::npos);  // U+FFFD
  CHECK(parse_json(out)["message"].is_string());
}

TEST_CASE("Field names the path of the first problem") {
  json body = transfers_body();
  body["records"][1]["amount"] = 200;
  CHECK(error_of([&] { decode_bank_transfers_request(body); }) ==
        "records[1].amount: expected a string, got a number");
  body = transfers_body();
  body["records"][0].erase("paid_on");
  CHECK(error_of([&] { decode_bank_transfers_request(body); }) == "records[0].paid_on: missing");
  body = transfers_body();
  body["records"] = "none";
  CHECK(error_of([&] { decode_bank_transfers_request(body); }) ==
        "records: expected a list, got a string");
  body = transfers_body();
  body["records"][0]["remarks"] = nullptr;  // optional: null is absent
  CHECK(decode_bank_transfers_request(body).records[0].remarks.empty());
  body["records"][0]["payer_name"] = std::string("\xc0\xaf");  // overlong '/'
  CHECK(error_of([&] { decode_bank_transfers_request(body); }) ==
        "records[0].payer_name: not valid UTF-8");
}

TEST_CASE("integers outside the range the caller allows are refused, never truncated") {
  json j = {{"n", 4294967308ULL}};
  CHECK(error_of([&] { Field(j).at("n").small_integer(1, 1200); }) == "n: out of range (1..1200)");
  j["n"] = std::numeric_limits<std::uint64_t>::max();
  CHECK_THROWS_AS(Field(j).at("n").integer(0, std::numeric_limits<std::int64_t>::max()),
                  DecodeError);
  j["n"] = -1;
  CHECK_THROWS_AS(Field(j).at("n").money_fen(), DecodeError);
  j["n"] = 12.0;
  CHECK(error_of([&] { Field(j).at("n").integer(0, 100); }) ==
        "n: expected a whole number, got a fractional number");
  j["n"] = 24;
  CHECK(Field(j).at("n").small_integer(1, 1200) == 24);
}

TEST_CASE("request messages decode what their encoders write") {
  const ApplicationContent c = sample_content(24);
  const json encoded = encode(c);
  CHECK(encoded["type"] == kApplicationType);
  const ApplicationContent back = decode_application_content(encoded);
  CHECK(back.operator_info == c.operator_info);
  CHECK(back.recipient == c.recipient);
  CHECK(back.csr == c.csr);
  CHECK(back.time == c.time);

  json wrong = encoded;
  wrong["period_months"] = 4294967308ULL;
  CHECK(error_of([&] { decode_application_content(wrong); }) ==
        "period_months: out of range (1..1200)");
  wrong = encoded;
  wrong["type"] = "something.else";
  CHECK(error_of([&] { decode_application_content(wrong); }) == "type: not a renewal application");
  wrong = encoded;
  wrong["time"] = "2026-02-30T00:00:00Z";
  CHECK(error_of([&] { decode_application_content(wrong); }) ==
        "time: expected a UTC time yyyy-mm-ddThh:mm:ssZ");

  PaymentNotification n{"P1", forms::Money::from_fen(20000), "ref"};
  CHECK(decode_payment_notification(encode(n)).amount == n.amount);
  CHECK(decode_reject_request(encode(RejectRequest{"驳回"})).reason == "驳回");
  CHECK(decode_submit_request(encode(SubmitRequest{{1, 2, 3}})).signed_application ==
        Bytes{1, 2, 3});
}

TEST_CASE("every schema field of every request is checked by its decoder") {
  // For each field, a body with that field set to each wrong type must fail naming the field.
  const std::map<std::string_view, json> valid = {
      {"submit", encode(SubmitRequest{{1, 2, 3}})},
      {"bank_transfers", transfers_body()},
      {"payment_notification", encode(PaymentNotification{"P1", forms::Money::from_fen(1), "r"})},
      {"reject", encode(RejectRequest{"reason"})}};
  for (const RequestSchema* schema : request_schemas()) {
    auto it = valid.find(schema->name);
    if (it == valid.end()) continue;  // the application content: covered by the server test
    CAPTURE(schema->name);
    certrenew::testing::for_each_wrong_body(*schema, it->second,
                                            [&](const json& body, const std::string& shown) {
                                              CAPTURE(shown);
                                              CAPTURE(body.dump());
                                              const std::string message = error_of([&] {
                                                if (schema->name == "submit")
                                                  decode_submit_request(body);
                                                if (schema->name == "bank_transfers")
                                                  decode_bank_transfers_request(body);
                                                if (schema->name == "payment_notification")
                                                  decode_payment_notification(body);
                                                if (schema->name == "reject")
                                                  decode_reject_request(body);
                                              });
                                              CHECK(message.rfind(shown + ": expected", 0) == 0);
                                            });
  }
}

TEST_CASE("issue 19: the operator's notification choice, optional, default notify") {
  ApplicationContent c = sample_content(12);

  // Both channels (the default) are not written: the signed bytes stay what they were.
  json encoded = encode(c);
  CHECK_FALSE(encoded.contains("notify"));
  CHECK(decode_application_content(encoded).notify == NotifyChoice{true, true});

  c.notify.sms = false;
  encoded = encode(c);
  CHECK(encoded["notify"] == json{{"email", true}, {"sms", false}});
  CHECK(decode_application_content(encoded).notify == NotifyChoice{true, false});

  // Each key optional; an absent one means notify.
  encoded["notify"] = {{"email", false}};
  CHECK(decode_application_content(encoded).notify == NotifyChoice{false, true});
  encoded["notify"] = json::object();
  CHECK(decode_application_content(encoded).notify == NotifyChoice{true, true});
  encoded["notify"] = nullptr;
  CHECK(decode_application_content(encoded).notify == NotifyChoice{true, true});

  // Wrong types are refused by path.
  encoded["notify"] = {{"sms", "no"}};
  CHECK(error_of([&] { decode_application_content(encoded); }) ==
        "notify.sms: expected true or false, got a string");
  encoded["notify"] = false;
  CHECK(error_of([&] { decode_application_content(encoded); }).rfind("notify: expected", 0) == 0);
}
