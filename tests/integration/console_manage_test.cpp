// The console's second round against a real certrenew-server (issue 18): admins manage operator
// accounts in the console under the same rules as the command line; ID numbers are masked in
// every answer and revealed only through the audited call.
#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "certrenew/core/protocol/back_office_answers.hpp"
#include "console_client.hpp"

namespace protocol = certrenew::protocol;
using namespace certrenew::testing;
using nlohmann::json;

namespace {

std::vector<std::string> audit_actions(const ServerProcess& s, const Session& admin_session,
                                       const std::string& query) {
  auto audit = console(s, admin_session, "GET", "audit?" + query);
  REQUIRE(audit.status == 200);
  std::vector<std::string> out;
  for (const auto& e : audit.body["entries"]) out.push_back(e["action"].get<std::string>());
  return out;
}

}  // namespace

TEST_CASE("admins manage operator accounts in the console; others cannot; CSRF is required") {
  ServerProcess s;
  add_operator(s, "boss", "admin");
  add_operator(s, "rev", "reviewer");
  const Session boss = console_login(s, "boss");
  const Session rev = console_login(s, "rev");

  // A reviewer may not list, add or disable; a change without the CSRF token is refused.
  CHECK(console(s, rev, "GET", "operators").status == 403);
  const std::string add_fin = json{{"name", "fin"}, {"role", "finance"}}.dump();
  CHECK(console(s, rev, "POST", "operators", add_fin).body["error"]["code"] == "forbidden_role");
  CHECK(console(s, rev, "POST", "operators/boss/disable").status == 403);
  CHECK(console(s, boss, "POST", "operators", add_fin, false).body["error"]["code"] ==
        "csrf_refused");
  CHECK(console(s, boss, "GET", "operators").body["operators"].size() == 2);

  // Bad requests: clear 4xx, nothing made.
  CHECK(console(s, boss, "POST", "operators", R"({"name": "fin"})").status == 400);
  CHECK(console(s, boss, "POST", "operators", json{{"name", "Fin!"}, {"role", "finance"}}.dump())
            .status == 400);
  CHECK(console(s, boss, "POST", "operators",
                json{{"name", "fin"}, {"role", "finance"}, {"totp", "yes"}}.dump())
            .status == 400);
  CHECK(console(s, boss, "POST", "operators/nobody/disable").status == 404);
  CHECK(console(s, boss, "GET", "operators").body["operators"].size() == 2);

  // Added with a generated password, shown once; it logs in.
  auto added = console(s, boss, "POST", "operators", add_fin);
  REQUIRE_MESSAGE(added.status == 201, added.body.dump());
  const std::string password = added.body["generated_password"];
  CHECK(password.size() == 20);
  const Session fin = console_login(s, "fin", password);
  CHECK(console(s, boss, "GET", "operators").body["operators"][1].dump().find(password) ==
        std::string::npos);

  // An API token issued in the console works for the admin command, and stops when revoked.
  auto token = console(s, boss, "POST", "operators/fin/token");
  REQUIRE(token.status == 200);
  const std::string file = (s.dir() / "fin.token").string();
  std::ofstream(file) << token.body["api_token"].get<std::string>() << "\n";
  const std::string no = paid_by_transfer(s);
  std::string out;
  CHECK(admin(s, file, "show " + no, &out) == 0);
  CHECK(out.find("110105********002X") != std::string::npos);  // masked in the admin API too
  CHECK(out.find("11010519491231002X") == std::string::npos);
  CHECK(console(s, boss, "POST", "operators/fin/revoke-tokens").body["revoked"] == 1);
  CHECK(admin(s, file, "show " + no, &out) == 1);

  // The last enabled admin cannot disable itself; the reviewer's disabling ends its session.
  CHECK(console(s, boss, "POST", "operators/boss/disable").body["error"]["code"] == "last_admin");
  CHECK(console(s, boss, "POST", "operators/rev/disable").status == 200);
  CHECK(console(s, rev, "GET", "applications").status == 401);
  CHECK(console(s, boss, "POST", "operators/rev/enable").status == 200);

  // A password reset ends the operator's sessions; TOTP is set up and shown once.
  auto reset = console(s, boss, "POST", "operators/fin/reset-password");
  REQUIRE(reset.status == 200);
  CHECK(console(s, fin, "GET", "applications").status == 401);
  CHECK(reset.body["generated_password"].get<std::string>() != password);
  auto totp = console(s, boss, "POST", "operators/fin/reset-totp", R"({"totp": true})");
  REQUIRE(totp.status == 200);
  CHECK(totp.body["totp_uri"].get<std::string>().rfind("otpauth://totp/", 0) == 0);

  // The command line still works and sees the console's changes.
  CHECK(run_server_command("operator --config '" + s.config_file().string() + "' list", &out) == 0);
  CHECK(out.find("fin\tfinance\ttotp") != std::string::npos);

  // Every change is in the audit log with who did it from where.
  const auto acts = audit_actions(s, boss, "actor=boss");
  for (const char* action :
       {"operator_added", "operator_token_issued", "operator_tokens_revoked", "operator_disabled",
        "operator_enabled", "operator_reset", "operator_totp_reset"}) {
    CAPTURE(action);
    CHECK(std::find(acts.begin(), acts.end(), action) != acts.end());
  }
}

TEST_CASE("ID numbers are masked in every operator answer; the reveal is audited") {
  ServerProcess s;
  add_operator(s, "fin", "finance");
  add_operator(s, "boss", "admin");
  const std::string no = paid_by_transfer(s);
  const Session fin = console_login(s, "fin");
  auto shown = console(s, fin, "GET", "applications/" + no);
  REQUIRE(shown.status == 200);
  CHECK(shown.body["operator"]["id_number"] == "110105********002X");
  auto confirmed = console(s, fin, "POST", "applications/" + no + "/confirm-payment");
  REQUIRE(confirmed.status == 200);
  CHECK(confirmed.body.dump().find("11010519491231002X") == std::string::npos);
  // Without the CSRF token the reveal is refused and not audited.
  CHECK(console(s, fin, "POST", "applications/" + no + "/reveal-id", "{}", false).status == 403);
  const Session boss = console_login(s, "boss");
  CHECK(audit_actions(s, boss, "business_no=" + no) == std::vector<std::string>{"confirm_payment"});
  auto revealed = console(s, fin, "POST", "applications/" + no + "/reveal-id");
  REQUIRE(revealed.status == 200);
  CHECK(protocol::decode_id_reveal(protocol::Field(revealed.body)).id_number ==
        "11010519491231002X");
  CHECK(audit_actions(s, boss, "business_no=" + no) ==
        std::vector<std::string>{"confirm_payment", "reveal_id_number"});
  CHECK(console(s, fin, "POST", "applications/01999999999999999/reveal-id").status == 404);
}

namespace {

struct Paid {
  std::string business_no;
  std::string token;
  std::string payment_id;
};

// An application paid online at the sandbox gateway (the demo instance's test double), waited
// for (bounded) until the gateway's notification has marked it paid.
Paid paid_online(const ServerProcess& s) {
  Applicant a = Applicant::of(s);
  auto r = s.post(kApps, a.body(a.content(s)));
  REQUIRE_MESSAGE(r.status == 201, r.body.dump());
  Paid p{r.body["application"]["business_no"], r.body["capability_token"], ""};
  auto started = s.post(kApps + "/" + p.business_no + "/online-payments", nullptr, p.token);
  REQUIRE_MESSAGE(started.status == 201, started.body.dump());
  p.payment_id = started.body["payment_id"];
  const std::string url = started.body["pay_url"];
  auto paid = s.client()->Post(url.substr(url.find("/sandbox-gateway/")).c_str(), "", "text/plain");
  REQUIRE(paid);
  REQUIRE(paid->status == 200);
  for (int i = 0; i < 100; ++i) {
    if (s.get(kApps + "/" + p.business_no, p.token).body["payment_state"]["code"] == "paid")
      return p;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  FAIL("the sandbox's notification never arrived");
  return p;
}

std::string refund(const std::string& method, const std::string& amount,
                   const std::string& extra_key = "", const std::string& extra = "") {
  json body = {{"method", method}, {"amount", amount}};
  if (!extra_key.empty()) body[extra_key] = extra;
  return body.dump();
}

}  // namespace

TEST_CASE("finance refunds money of applications that ended: checked amounts, gateway, audit") {
  ServerProcess s({.demo = true});
  add_operator(s, "fin", "finance");
  add_operator(s, "rev", "reviewer");
  const Session fin = console_login(s, "fin");
  const Session rev = console_login(s, "rev");

  // Still open (a transfer recorded, not cancelled): nothing is due.
  const std::string still_open = paid_by_transfer(s);
  auto refunds = console(s, fin, "GET", "refunds");
  REQUIRE(refunds.status == 200);
  CHECK(refunds.body["refunds"].empty());  // still open: nothing is due
  const Submitted cancelled = submitted_with_transfer(s);
  const std::string d = cancelled.business_no;
  REQUIRE(s.post(kApps + "/" + d + "/cancel", nullptr, cancelled.token).status == 200);

  const std::string path = "refunds/" + d;
  // Refused, changing nothing: the wrong role, no CSRF token, bad amounts, no reference, more
  // than was received, a refund for an application still going on.
  CHECK(console(s, rev, "POST", path, refund("bank_transfer", "200.00", "reference", "R-1"))
            .body["error"]["code"] == "forbidden_role");
  CHECK(console(s, fin, "POST", path, refund("bank_transfer", "200.00", "reference", "R-1"), false)
            .status == 403);
  for (const char* bad : {"0", "-5", "1.001", "12abc", "1e3"})
    CHECK(console(s, fin, "POST", path, refund("bank_transfer", bad, "reference", "R-1")).status ==
          400);
  CHECK(console(s, fin, "POST", path, refund("bank_transfer", "10.00")).body["error"]["code"] ==
        "reference_required");
  CHECK(console(s, fin, "POST", path, refund("cash", "10.00")).status == 400);
  CHECK(console(s, fin, "POST", path, refund("bank_transfer", "200.01", "reference", "R-1"))
            .body["error"]["code"] == "refund_too_much");
  CHECK(console(s, fin, "POST", "refunds/" + still_open,
                refund("bank_transfer", "1.00", "reference", "R-0"))
            .body["error"]["code"] == "refund_too_much");
  auto position = console(s, fin, "GET", "applications/" + d).body["refunds"];
  CHECK(position["due_fen"] == 20000);
  CHECK(position["payouts"].empty());

  // Two partial refunds up to the amount received; a third cent is refused.
  auto first = console(s, fin, "POST", path, refund("bank_transfer", "150", "reference", "R-1"));
  REQUIRE_MESSAGE(first.status == 200, first.body.dump());
  const auto first_done = protocol::decode_refund_done(protocol::Field(first.body));
  CHECK(first_done.business_no == d);
  CHECK(first_done.summary.due.fen() == 5000);
  REQUIRE(first_done.summary.payouts.size() == 1);
  CHECK(first_done.summary.payouts[0].id == first_done.refund_id);
  CHECK(first_done.summary.payouts[0].reference == "R-1");
  CHECK(console(s, fin, "POST", path, refund("bank_transfer", "50.01", "reference", "R-2"))
            .body["error"]["code"] == "refund_too_much");
  CHECK(console(s, fin, "POST", path, refund("bank_transfer", "50.00", "reference", "R-2"))
            .body["due_fen"] == 0);
  auto shown = console(s, fin, "GET", "applications/" + d).body;
  CHECK(shown["refunds"]["bank_transfer"]["refunded_fen"] == 20000);
  int refund_events = 0;
  for (const auto& e : shown["events"]) refund_events += e["kind"] == "refunded" ? 1 : 0;
  CHECK(refund_events == 2);  // on the application's timeline

  // Paid online, then rejected: refunded through the gateway. The sandbox refunds only the whole
  // payment, so a partial refund is refused there: 502, recorded as failed, nothing refunded.
  const Paid online = paid_online(s);
  REQUIRE(console(s, rev, "POST", "applications/" + online.business_no + "/reject",
                  json{{"reason", "材料不全"}}.dump())
              .status == 200);
  const std::string opath = "refunds/" + online.business_no;
  CHECK(console(s, fin, "POST", opath, refund("online", "200.00", "payment_id", "Pnope"))
            .body["error"]["code"] == "no_payment");
  auto partial =
      console(s, fin, "POST", opath, refund("online", "100.00", "payment_id", online.payment_id));
  CHECK(partial.status == 502);
  CHECK(partial.body["error"]["code"] == "refund_failed");
  CHECK(console(s, fin, "GET", "applications/" + online.business_no).body["refunds"]["due_fen"] ==
        20000);
  auto whole =
      console(s, fin, "POST", opath, refund("online", "200.00", "payment_id", online.payment_id));
  REQUIRE_MESSAGE(whole.status == 200, whole.body.dump());
  CHECK(whole.body["due_fen"] == 0);
  CHECK(whole.body["payouts"][1]["reference"].get<std::string>().rfind("SBXR", 0) == 0);
  // The refunds page lists both, everything refunded (strictly decoded, as the console reads it).
  int listed = 0;
  for (const auto& row :
       protocol::decode_refund_list(protocol::Field(console(s, fin, "GET", "refunds").body)))
    if (row.business_no == d || row.business_no == online.business_no) {
      ++listed;
      CHECK(row.position.due.fen() == 0);
      CHECK(row.position.ended);
      CHECK_FALSE(row.position.payouts.empty());
    }
  CHECK(listed == 2);
  // The applicant sees the payment refunded.
  auto applicant = s.get(kApps + "/" + online.business_no, online.token).body;
  CHECK(applicant["online_payments"][0]["state"]["code"] == "refunded");

  // The daily report (today, in the CA's days) counts the refunds by method.
  auto report = console(s, fin, "GET", "reports/daily").body;
  CHECK(report["refunds"]["bank_transfer"]["count"] == 2);
  CHECK(report["refunds"]["bank_transfer"]["fen"] == 20000);
  CHECK(report["refunds"]["online"]["count"] == 1);
  CHECK(report["refunds"]["online"]["fen"] == 20000);

  // Audited, the gateway's refusal too; the chain holds.
  add_operator(s, "boss", "admin");
  const Session boss = console_login(s, "boss");
  CHECK(audit_actions(s, boss, "business_no=" + d) == std::vector<std::string>{"refund", "refund"});
  CHECK(audit_actions(s, boss, "business_no=" + online.business_no) ==
        std::vector<std::string>{"reject", "refund_failed", "refund"});
  CHECK(console(s, boss, "GET", "audit/verify").body["intact"] == true);
}
