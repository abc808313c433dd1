// The back office's other answers (back_office_answers.hpp): each decoder reads what its encoder
// writes, the members are the ones docs/protocol.md and the console's JS read, optional parts stay
// absent, and a wrong member is refused with its path.
#include <doctest/doctest.h>

#include "certrenew/core/protocol/back_office_answers.hpp"
#include "certrenew/core/protocol/requests.hpp"
#include "protocol_testing.hpp"

using namespace certrenew::protocol;
using certrenew::protocol::testing::error_of;
using certrenew::protocol::testing::fen;
using nlohmann::json;

namespace {

RefundSummary rejected_paid_online() {
  RefundSummary s;
  s.ended = true;
  s.bank_transfer = {fen(0), fen(0), fen(0)};
  s.online = {{"P01", "paid", fen(20000), fen(5000), fen(15000)}};
  s.due = fen(15000);
  s.payouts = {{7, "online", fen(5000), "P01", "SBXR1", "done", "", "fin", "2026-11-24T02:00:00Z",
                "2026-11-24T02:00:01Z"}};
  return s;
}

}  // namespace

TEST_CASE("the ID reveal and the key recovery answers decode what their encoders write") {
  const IdReveal reveal{"01202611240000001", "11010519491231002X"};
  const json encoded_reveal = encode(reveal);
  CHECK(encoded_reveal ==
        json{{"business_no", "01202611240000001"}, {"id_number", "11010519491231002X"}});
  CHECK(encode(decode_id_reveal(Field(encoded_reveal))) == encoded_reveal);

  const EscrowedKeys keys{
      "01202611240000002",
      {{"0A1B", "01202611240000001", "2026-11-24T02:00:00Z", "2028-11-24T02:00:00Z", true}}};
  const json encoded_keys = encode(keys);
  CHECK(encoded_keys["escrowed_keys"][0]["delivered_here"] == true);
  CHECK(encoded_keys["escrowed_keys"][0]["issued_with"] == "01202611240000001");
  CHECK(encode(decode_escrowed_keys(Field(encoded_keys))) == encoded_keys);
  CHECK(encode(EscrowedKeys{"01202611240000002", {}})["escrowed_keys"] == json::array());

  const RecoveredKeys recovered{"01202611240000002",
                                {{"0A1B", "operator:admin", "2026-11-24T03:00:00Z"}}};
  const json encoded_recovered = encode(recovered);
  CHECK(encoded_recovered["recovered"][0]["recovered_by"] == "operator:admin");
  CHECK(encode(decode_recovered_keys(Field(encoded_recovered))) == encoded_recovered);

  const PaymentNotificationAnswer notified{"P01", "refund_due"};
  CHECK(encode(notified) == json{{"payment_id", "P01"}, {"state", "refund_due"}});
  CHECK(encode(decode_payment_notification_answer(Field(encode(notified)))) == encode(notified));
}

TEST_CASE("the refund answers decode what their encoders write") {
  const RefundSummary summary = rejected_paid_online();
  const json encoded = encode(summary);
  CHECK(encoded["bank_transfer"] ==
        json{{"received_fen", 0}, {"refunded_fen", 0}, {"refundable_fen", 0}});
  CHECK(encoded["online"][0]["refundable_fen"] == 15000);
  CHECK(encoded["due_fen"] == 15000);
  CHECK(encoded["payouts"][0]["id"] == 7);
  CHECK(encode(decode_refund_summary(Field(encoded))) == encoded);

  // After a refund: the summary's members with the application and the refund's id beside them.
  const json done = encode(RefundDone{"01202611240000001", 7, summary});
  CHECK(done["refund_id"] == 7);
  CHECK(done["business_no"] == "01202611240000001");
  CHECK(done["due_fen"] == 15000);
  CHECK(encode(decode_refund_done(Field(done))) == done);

  std::vector<RefundListEntry> list = {{"01202611240000001", BusinessState::rejected,
                                        PaymentState::paid, fen(20000), "2026-11-24T02:00:00Z",
                                        summary, std::nullopt}};
  json encoded_list = encode(list);
  CHECK(encoded_list["refunds"][0]["state"]["code"] == "rejected");
  CHECK(encoded_list["refunds"][0]["payment_state"]["code"] == "paid");
  CHECK_FALSE(encoded_list["refunds"][0].contains("note_recorded"));
  CHECK(encode(decode_refund_list(Field(encoded_list))) == encoded_list);
  list[0].note_recorded = RefundNote{"fin", "退回到原账户", "2026-11-20T02:00:00Z"};
  encoded_list = encode(list);
  CHECK(encoded_list["refunds"][0]["note_recorded"]["note"] == "退回到原账户");
  CHECK(encode(decode_refund_list(Field(encoded_list))) == encoded_list);
}

TEST_CASE("a wrong member of a back office answer is refused with its path") {
  json keys = encode(EscrowedKeys{
      "01202611240000002", {{"0A1B", "01202611240000001", "2026-11-24T02:00:00Z", "x", false}}});
  keys["escrowed_keys"][0]["delivered_here"] = "no";
  CHECK(error_of([&] {
          decode_escrowed_keys(Field(keys));
        }).rfind("escrowed_keys[0].delivered_here:", 0) == 0);

  json summary = encode(rejected_paid_online());
  summary["online"][0]["amount_fen"] = -1;
  CHECK(error_of([&] {
          decode_refund_summary(Field(summary));
        }).rfind("online[0].amount_fen:", 0) == 0);
  summary = encode(rejected_paid_online());
  summary["payouts"][0].erase("reference");
  CHECK(error_of([&] {
          decode_refund_summary(Field(summary));
        }).rfind("payouts[0].reference:", 0) == 0);

  json list = encode(std::vector<RefundListEntry>{{"01202611240000001", BusinessState::rejected,
                                                   PaymentState::paid, fen(1), "t",
                                                   rejected_paid_online(), std::nullopt}});
  list["refunds"][0]["state"]["code"] = "lost";
  CHECK(error_of([&] { decode_refund_list(Field(list)); }).rfind("refunds[0].state.code:", 0) == 0);

  CHECK(error_of([&] {
          decode_id_reveal(Field(json{{"business_no", "1"}}));
        }).rfind("id_number:", 0) == 0);
  CHECK(error_of([&] {
          decode_payment_notification_answer(Field(json{{"payment_id", 1}, {"state", "paid"}}));
        }).rfind("payment_id:", 0) == 0);
}

TEST_CASE("the key recovery request decodes what its encoder writes and names a wrong field") {
  const json body = encode(RecoverKeyRequest{"0A1B"});
  CHECK(body == json{{"serial", "0A1B"}});
  CHECK(decode_recover_key_request(body).serial == "0A1B");
  CHECK(error_of([] { decode_recover_key_request(json{{"serial", 7}}); }).rfind("serial:", 0) == 0);
  CHECK(error_of([] { decode_recover_key_request(json::object()); }).rfind("serial:", 0) == 0);
  CHECK(error_of([] { decode_recover_key_request(json::array()); }) != "(no error)");
}
