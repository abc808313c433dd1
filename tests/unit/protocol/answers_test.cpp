// The typed answers of docs/protocol.md: each decoder reads what its encoder writes (the service
// encodes, the client decodes), and a wrong member is refused with its path.
#include <doctest/doctest.h>

#include "certrenew/core/protocol/public_answers.hpp"
#include "protocol_testing.hpp"

using namespace certrenew;
using namespace certrenew::protocol;
using certrenew::protocol::testing::error_of;
using nlohmann::json;

namespace {

CodedText coded(std::string code, std::string zh, std::string en) {
  CodedText t;
  t.code = std::move(code);
  t.zh = std::move(zh);
  t.en = std::move(en);
  return t;
}

FeeSchedule two_periods() {
  FeeSchedule fees;
  fees.price_per_year = forms::Money::from_fen(10000);
  for (int years : {1, 2}) {
    FeeItem item{"certificate_service",
                 {"证书服务费用", "Certificate service fee"},
                 forms::Money::from_fen(10000),
                 "year",
                 years,
                 forms::Money::from_fen(10000 * years)};
    fees.periods.push_back({12 * years, item.subtotal, {item}});
  }
  fees.delivery = coded("cash_on_delivery", "货到付款", "Cash on delivery");
  fees.invoice_type = coded("plain_fixed", "普通定额发票", "Ordinary fixed-amount invoice");
  fees.bank_account = {"某公司", "6222 0000", "某银行"};
  return fees;
}

}  // namespace

TEST_CASE("the public answers decode what their encoders write") {
  ServiceInfo info;
  info.server_time = *UtcTime::parse("2026-11-24T02:00:00Z");
  info.service_name = {"证书续期服务", "Certificate renewal"};
  info.ca_subject = "CN=Test CA";
  info.ca_certificate = {0x30, 0x00};
  info.agreement_version = "2026.1";
  info.renewal_window_days = 90;
  info.allowed_key_types = {"rsa", "sm2"};
  info.sm2_signer_id = "1234567812345678";
  info.max_clock_skew_seconds = 600;
  const json encoded_info = encode(info);
  CHECK(encoded_info["service_name"]["zh-CN"] == "证书续期服务");
  CHECK(encoded_info["server_time"] == "2026-11-24T02:00:00Z");
  CHECK(encode(decode_service_info(encoded_info)) == encoded_info);

  const AgreementText agreement{"2026.1", "en", std::string(64, 'a'), "# Agreement"};
  CHECK(encode(decode_agreement_text(encode(agreement))) == encode(agreement));

  const FeeSchedule fees = two_periods();
  const json encoded_fees = encode(fees);
  CHECK(encoded_fees["delivery"] ==
        json{{"code", "cash_on_delivery"}, {"zh", "货到付款"}, {"en", "Cash on delivery"}});
  CHECK(encoded_fees["periods"][1]["items"][0]["subtotal_fen"] == 20000);
  const FeeSchedule back = decode_fee_schedule(encoded_fees);
  CHECK(encode(back) == encoded_fees);
  REQUIRE(back.period(24));
  CHECK(back.period(24)->total.fen() == 20000);
  CHECK_FALSE(back.period(36));

  const ErrorAnswer error{"not_found", "no such application", "未找到该申请", nullptr};
  const json encoded_error = encode(error);
  CHECK_FALSE(encoded_error["error"].contains("details"));
  CHECK(encode(decode_error_answer(encoded_error)) == encoded_error);
}

TEST_CASE("a wrong member of an answer is refused with its path") {
  json fees = encode(two_periods());
  fees["periods"][1]["items"][0]["quantity"] = "2";
  CHECK(error_of([&] { decode_fee_schedule(fees); }) ==
        "periods[1].items[0].quantity: expected a whole number, got a string");
  fees = encode(two_periods());
  fees["periods"][0]["total_fen"] = -1;
  CHECK(error_of([&] { decode_fee_schedule(fees); }).rfind("periods[0].total_fen:", 0) == 0);
  fees = encode(two_periods());
  fees["delivery"].erase("en");
  CHECK(error_of([&] { decode_fee_schedule(fees); }).rfind("delivery.en:", 0) == 0);

  json info = encode(ServiceInfo{});
  info["allow_key_reuse"] = 1;
  CHECK(error_of([&] { decode_service_info(info); }).rfind("allow_key_reuse:", 0) == 0);
  info = encode(ServiceInfo{});
  info["server_time"] = "yesterday";
  CHECK(error_of([&] { decode_service_info(info); }).rfind("server_time:", 0) == 0);

  CHECK(error_of([&] { decode_error_answer(json{{"error", "boom"}}); }).rfind("error:", 0) == 0);
  CHECK(error_of([&] { decode_agreement_text(json::array()); }) != "(no error)");
}
