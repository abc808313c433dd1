// Issue 16 item 4: one live online payment per application, against a real certrenew-server
// (a demo instance: its sandbox gateway is the test double for a real gateway). Reopening online
// payment shows the same payment; a new one closes the previous at the gateway; money that still
// arrives for a payment that was not needed is recorded once and shown as due for refund to the
// applicant and to the back office.
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "certrenew/core/protocol/back_office_answers.hpp"
#include "certrenew/core/protocol/requests.hpp"
#include "security/security_support.hpp"
#include "service/digest.hpp"
#include "service/renewal_service.hpp"

using namespace certrenew::testing;
using namespace certrenew::testing::security;
using nlohmann::json;

namespace {

std::string path_of(const std::string& url) {
  return url.substr(url.find("/sandbox-gateway/"));
}

// The payer presses 支付 on the sandbox's page for a payment.
int pay_at_gateway(const ServerProcess& s, const json& started) {
  auto res = s.client()->Post(path_of(started["pay_url"]).c_str(), "", "text/plain");
  REQUIRE(res);
  return res->status;
}

// A notification signed with the instance's gateway key, as a gateway sends it for money it took
// before the payment could be closed.
ServerProcess::Reply notify(const ServerProcess& s, const std::string& payment_id,
                            std::int64_t amount_fen, const std::string& ref) {
  const auto key = certrenew::server::read_secret_file(s.dir() / "secrets" / "gateway.key");
  const std::string body = certrenew::protocol::encode(
                               certrenew::protocol::PaymentNotification{
                                   payment_id, certrenew::forms::Money::from_fen(amount_fen), ref})
                               .dump();
  return s.send_raw("POST", "/api/v1/payments/notify", body, "application/json",
                    {{"X-Gateway-Signature", certrenew::server::hmac_sha256_b64url(key, body)}});
}

json view_of(const ServerProcess& s, const Submitted& app) {
  auto v = s.get(kApps + "/" + app.business_no, app.token);
  REQUIRE_MESSAGE(v.status == 200, v.body.dump());
  return v.body;
}

json admin_view_of(const ServerProcess& s, const Submitted& app) {
  auto v = s.get(kAdmin + "/" + app.business_no, s.operator_token());
  REQUIRE_MESSAGE(v.status == 200, v.body.dump());
  return v.body;
}

// The sandbox notifies asynchronously: waits (bounded) until the application shows `paid`.
json wait_paid(const ServerProcess& s, const Submitted& app) {
  json v;
  for (int i = 0; i < 100; ++i) {
    v = view_of(s, app);
    if (v["payment_state"]["code"] == "paid") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return v;
}

ServerProcess::Reply start_payment(const ServerProcess& s, const Submitted& app) {
  return s.post(kApps + "/" + app.business_no + "/online-payments", nullptr, app.token);
}

// An online payment started (201), as the applicant's client receives it.
json started_payment(const ServerProcess& s, const Submitted& app) {
  auto r = start_payment(s, app);
  REQUIRE_MESSAGE(r.status == 201, r.body.dump());
  return r.body;
}

std::string state_of(const json& view, const std::string& payment_id) {
  for (const auto& p : view["online_payments"])
    if (p["payment_id"] == payment_id) return p["state"]["code"];
  return "(not listed)";
}

}  // namespace

TEST_CASE("opening online payment again shows the same payment, and only it can be paid") {
  ServerProcess s({.demo = true});
  Applicant a = Applicant::of(s);
  Submitted app = submit(s, a);
  const json first = started_payment(s, app);
  const json again = started_payment(s, app);
  CHECK(again["payment_id"] == first["payment_id"]);
  CHECK(again["pay_url"] == first["pay_url"]);
  CHECK(again["qr_text"] == first["qr_text"]);
  CHECK(again["expires_at"] == first["expires_at"]);

  json v = view_of(s, app);
  CHECK(v["online_payments"].size() == 1);
  CHECK(v["online_payment"]["payment_id"] == first["payment_id"]);
  CHECK(v["online_payment"]["pay_url"] == first["pay_url"]);
  CHECK(state_of(v, first["payment_id"]) == "pending");
  CHECK(v["refund_due_fen"] == 0);

  CHECK(pay_at_gateway(s, first) == 200);
  v = wait_paid(s, app);
  CHECK(v["payment_state"]["code"] == "paid");
  CHECK(state_of(v, first["payment_id"]) == "paid");
  CHECK_FALSE(v.contains("online_payment"));  // nothing left to pay
  CHECK(v["refund_due_fen"] == 0);
  // A paid application starts no further payment.
  auto after = start_payment(s, app);
  CHECK(after.status == 409);
  CHECK(code_of(after) == "invalid_state");
  CHECK(view_of(s, app)["online_payments"].size() == 1);
}

TEST_CASE(
    "an expired payment is replaced and closed at the gateway; money for it is due for "
    "refund") {
  ServerProcess s({.demo = true});
  s.reconfigure([](json& c) { c["payments"]["valid_seconds"] = 2; });
  Applicant a = Applicant::of(s);
  Submitted app = submit(s, a);
  const json old_payment = started_payment(s, app);
  const std::string old_id = old_payment["payment_id"];
  std::this_thread::sleep_for(std::chrono::milliseconds(2200));  // past its validity
  CHECK(state_of(view_of(s, app), old_id) == "expired");
  CHECK_FALSE(view_of(s, app).contains("online_payment"));

  // The replacement is paid at once: its validity is as short, and the checks below took longer
  // than that on a busy machine (the full suite on two cores).
  const json new_payment = started_payment(s, app);
  CHECK(pay_at_gateway(s, new_payment) == 200);
  const std::string new_id = new_payment["payment_id"];
  CHECK(new_id != old_id);
  CHECK(state_of(view_of(s, app), old_id) == "closed");
  // The gateway no longer takes the old one.
  CHECK(pay_at_gateway(s, old_payment) == 409);
  CHECK(wait_paid(s, app)["payment_state"]["code"] == "paid");

  // A gateway that took the old payment before it was closed still reports it: recorded once,
  // due for refund, the application unchanged.
  auto late = notify(s, old_id, 20000, "GW-LATE-1");
  CHECK_MESSAGE(late.status == 200, late.body.dump());
  const auto answer = certrenew::protocol::decode_payment_notification_answer(
      certrenew::protocol::Field(late.body));
  CHECK(answer.payment_id == old_id);
  CHECK(answer.state == "refund_due");
  CHECK(notify(s, old_id, 20000, "GW-LATE-1").status == 200);  // repeated: counted once
  json v = view_of(s, app);
  CHECK(v["refund_due_fen"] == 20000);
  CHECK(state_of(v, old_id) == "refund_due");
  CHECK(state_of(v, new_id) == "paid");
  CHECK(v["payment_state"]["code"] == "paid");
  CHECK(v["state"]["code"] == "under_review");
  CHECK_FALSE(v["online_payments"][0].contains("gateway_ref"));  // the back office's detail

  json admin = admin_view_of(s, app);
  CHECK(admin["refund_due_fen"] == 20000);
  CHECK(state_of(admin, old_id) == "refund_due");
  CHECK(admin["online_payments"][0]["gateway_ref"] == "GW-LATE-1");
  int needs_refund = 0;
  for (const auto& e : admin["events"]) needs_refund += e["kind"] == "payment_needs_refund";
  CHECK(needs_refund == 1);
}

TEST_CASE(
    "cancelling the application closes its online payment; money arriving after it is due "
    "for refund") {
  ServerProcess s({.demo = true});
  Applicant a = Applicant::of(s);
  Submitted app = submit(s, a);
  const json started = started_payment(s, app);
  const std::string id = started["payment_id"];
  auto cancelled = s.post(kApps + "/" + app.business_no + "/cancel", nullptr, app.token);
  REQUIRE_MESSAGE(cancelled.status == 200, cancelled.body.dump());
  CHECK(state_of(cancelled.body, id) == "closed");
  CHECK(pay_at_gateway(s, started) == 409);
  // A cancelled application starts no payment, and nothing is stored for the attempt.
  auto refused = start_payment(s, app);
  CHECK(refused.status == 409);
  CHECK(view_of(s, app)["online_payments"].size() == 1);

  // A notification with the wrong amount is refused and changes nothing.
  auto wrong = notify(s, id, 19999, "GW-X");
  CHECK(wrong.status == 400);
  CHECK(code_of(wrong) == "amount_mismatch");
  CHECK(view_of(s, app)["refund_due_fen"] == 0);

  auto late = notify(s, id, 20000, "GW-LATE-2");
  CHECK_MESSAGE(late.status == 200, late.body.dump());
  json v = view_of(s, app);
  CHECK(v["state"]["code"] == "cancelled");
  CHECK(v["payment_state"]["code"] == "unpaid");
  CHECK(v["refund_due_fen"] == 20000);
  CHECK(admin_view_of(s, app)["refund_due_fen"] == 20000);
}

TEST_CASE("a confirmed bank transfer closes the online payment left open") {
  ServerProcess s({.demo = true});
  Applicant a = Applicant::of(s);
  Submitted app = submit(s, a);
  const json started = started_payment(s, app);
  pay_and_approve(s, app);
  json v = view_of(s, app);
  CHECK(state_of(v, started["payment_id"]) == "closed");
  CHECK_FALSE(v.contains("online_payment"));
  CHECK(pay_at_gateway(s, started) == 409);
  CHECK(v["refund_due_fen"] == 0);
}
