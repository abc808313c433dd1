// The console's second round against a real certrenew-server (issue 18): admins manage operator
// accounts in the console under the same rules as the command line; ID numbers are masked in
// every answer and revealed only through the audited call.
#include <doctest/doctest.h>

#include "console_client.hpp"

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
  CHECK(server_command("operator --config '" + s.config_file().string() + "' list", &out) == 0);
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
  CHECK(revealed.body["id_number"] == "11010519491231002X");
  CHECK(audit_actions(s, boss, "business_no=" + no) ==
        std::vector<std::string>{"confirm_payment", "reveal_id_number"});
  CHECK(console(s, fin, "POST", "applications/01999999999999999/reveal-id").status == 404);
}
