// The answers about one application (application_answers.hpp): each decoder reads what its
// encoder writes (the service encodes, the client decodes), optional parts stay absent, and a
// wrong member is refused with its path.
#include <doctest/doctest.h>

#include "certrenew/core/protocol/application_answers.hpp"
#include "protocol_testing.hpp"

using namespace certrenew;
using namespace certrenew::protocol;
using certrenew::protocol::testing::error_of;
using certrenew::protocol::testing::fen;
using nlohmann::json;

namespace {

ApplicationView entered_view() {
  ApplicationView v;
  v.business_no = "01202611240000001";
  v.state_label = labels(BusinessState::entered);
  v.payment_label = labels(PaymentState::unpaid);
  v.created_at = v.updated_at = "2026-11-24T02:00:00Z";
  v.period_months = 24;
  v.certificate_subject = "CN=胡某";
  v.certificate_serial = "0A1B";
  v.certificate_not_after = "2026-12-14T00:00:00Z";
  v.operator_info = {"resident_id", "110105********002X", "胡某", "13800138000", "hu@example.cn"};
  v.recipient_name = "胡某";
  v.recipient_mobile = "13800138000";
  v.recipient_address = "广东省佛山市";
  v.order = {"202611240000001",
             {"消费", "Purchase"},
             {labels(PaymentState::unpaid), "unpaid"},
             {"正常", "Normal"},
             "2026-11-24T02:00:00Z"};
  v.fees = {24, fen(20000), {}};
  v.total = fen(20000);
  v.delivery = {{"货到付款", "Cash on delivery"}, "cash_on_delivery"};
  v.invoice_type = {{"普通定额发票", "Ordinary fixed-amount invoice"}, "plain_fixed"};
  v.bank_account = {"某公司", "6222 0000", "某银行"};
  v.review_expectation = {"1–3 个工作日", "1–3 working days"};
  v.actions = {true, true, true, false};
  return v;
}

}  // namespace

TEST_CASE("the application view decodes what its encoder writes") {
  ApplicationView v = entered_view();
  json encoded = encode(v);
  CHECK(encoded["state"] == json{{"code", "entered"}, {"zh", "已录入"}, {"en", "Submitted"}});
  CHECK(encoded["order"]["trade_state"]["code"] == "unpaid");
  CHECK(encoded["refund_due_fen"] == 0);
  CHECK(encoded["online_payments"] == json::array());
  CHECK_FALSE(encoded.contains("reject_reason"));
  CHECK_FALSE(encoded.contains("issuance"));
  CHECK_FALSE(encoded.contains("online_payment"));
  CHECK(encode(decode_application_view(Field(encoded))) == encoded);

  // With every optional part: transfers, a payable payment, the list, a refund, issuance.
  v.state = BusinessState::approved;
  v.state_label = labels(v.state);
  v.bank_transfers = {{"6222 0202", "广州某某贸易有限公司", fen(20000), "2026-11-24", ""}};
  v.issuance = CodedText{{"证书签发中", "Certificate being issued"}, "pending"};
  v.online_payment =
      OnlinePayment{"P01", fen(20000), "https://pay", "https://qr", "2026-11-24T02:30:00Z", ""};
  v.online_payments = {{"P00",
                        fen(20000),
                        {{"待退款", "Refund due"}, "refund_due"},
                        "2026-11-24T02:00:00Z",
                        "",
                        "gw-ref-1"}};
  v.refund_due = fen(20000);
  v.reject_reason = "资料不全";
  encoded = encode(v);
  CHECK(encoded["bank_transfers"][0]["amount_fen"] == 20000);
  CHECK_FALSE(encoded["online_payment"].contains("gateway"));
  CHECK_FALSE(encoded["online_payments"][0].contains("expires_at"));
  const ApplicationView back = decode_application_view(Field(encoded));
  CHECK(encode(back) == encoded);
  CHECK(back.bank_transfers[0].as_request().amount == "200.00");
  CHECK(back.issuance->code == "pending");
  CHECK(back.online_payments[0].gateway_ref == "gw-ref-1");
}

TEST_CASE("the other answers about an application decode what their encoders write") {
  const OnlinePayment started{
      "P01", fen(20000), "https://pay", "https://qr", "2026-11-24T02:30:00Z", "sandbox"};
  CHECK(encode(decode_online_payment(Field(encode(started)))) == encode(started));
  CHECK(encode(started)["gateway"] == "sandbox");

  const CertificateDownload download{"01202611240000001", {0x30, 0x01}, {{0x30, 0x02}}, {}, {}};
  const json encoded_download = encode(download);
  CHECK_FALSE(encoded_download.contains("encryption"));
  CHECK(encode(decode_certificate_download(Field(encoded_download))) == encoded_download);

  OperatorApplicationView o{
      entered_view(), {}, {"2026.1", std::string(64, 'a')}, json::array(), {}};
  o.events = {{"2026-11-24T02:00:00Z", "applicant", "submitted", ""}};
  o.issuer_jobs = {{"issue", "pending", 2, "2026-11-24T02:01:00Z", "timeout"}};
  const json encoded_operator = encode(o);
  CHECK(encoded_operator["events"][0]["kind"] == "submitted");
  CHECK(encoded_operator["issuer_jobs"][0]["attempts"] == 2);
  CHECK(encode(decode_operator_application_view(Field(encoded_operator))) == encoded_operator);

  const std::vector<ApplicationListEntry> list = {{"01202611240000001", BusinessState::under_review,
                                                   PaymentState::paid, fen(20000),
                                                   "2026-11-24T02:00:00Z"}};
  const json encoded_list = encode(list);
  CHECK(encoded_list["applications"][0]["state"]["zh"] == "审核中");
  CHECK(encode(decode_application_list(Field(encoded_list))) == encoded_list);
}

TEST_CASE("a wrong member of an application answer is refused with its path") {
  json view = encode(entered_view());
  view["actions"]["install"] = "no";
  CHECK(error_of([&] { decode_application_view(Field(view)); }).rfind("actions.install:", 0) == 0);
  view = encode(entered_view());
  view["state"]["code"] = "lost";
  CHECK(error_of([&] { decode_application_view(Field(view)); }) == "state.code: not a known state");
  view = encode(entered_view());
  view["bank_transfers"] = json::array({{{"payer_account", "6222"},
                                         {"payer_name", "某"},
                                         {"amount_fen", "200.00"},
                                         {"paid_on", "2026-11-24"}}});
  CHECK(error_of([&] {
          decode_application_view(Field(view));
        }).rfind("bank_transfers[0].amount_fen:", 0) == 0);
  view = encode(entered_view());
  view["period_months"] = 4294967308LL;
  CHECK(error_of([&] { decode_application_view(Field(view)); }).rfind("period_months:", 0) == 0);

  json payment = encode(OnlinePayment{"P01", fen(1), "u", "q", "t", ""});
  payment["amount_fen"] = -1;
  CHECK(error_of([&] { decode_online_payment(Field(payment)); }).rfind("amount_fen:", 0) == 0);

  json download = encode(CertificateDownload{"01", {0x30}, {}, {}, {}});
  download["chain"] = "MA==";
  CHECK(error_of([&] { decode_certificate_download(Field(download)); }).rfind("chain:", 0) == 0);
}
