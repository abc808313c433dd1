// Issue 21, key recovery from the HTML console against a real certrenew-server: the application
// page's escrowed keys and the recover action. Only admins recover; a change needs the session's
// CSRF token like every console form; a refused attempt changes nothing; the recovery is audited
// once, naming the admin, the console session's address and the key.
#include <doctest/doctest.h>

#include "certrenew/core/protocol/back_office_answers.hpp"
#include "console_client.hpp"
#include "dual_holder.hpp"

using namespace certrenew;
using namespace certrenew::testing;
using nlohmann::json;

TEST_CASE("console key recovery: admins only, CSRF checked, audited once") {
  ServerProcess s({.ca_key = "sm2"});
  add_operator(s, "rita", "reviewer");
  add_operator(s, "fay", "finance");
  add_operator(s, "adam", "admin");

  // A dual renewal escrowed a key; the holder lost the token and applied again from a new one.
  const LostToken lost = lost_token(s);
  const Submitted& first = lost.first;
  const Submitted& second = lost.second;
  const std::string& serial = lost.escrowed_serial;
  const std::string keys = "applications/" + second.business_no + "/escrowed-keys";
  const std::string recover = "applications/" + second.business_no + "/recover-encryption-key";
  const std::string body = json{{"serial", serial}}.dump();
  auto listed = [&](const Session& who) {
    const auto r = console(s, who, "GET", keys);
    REQUIRE_MESSAGE(r.status == 200, r.body.dump());
    auto answer = protocol::decode_escrowed_keys(protocol::Field(r.body));
    REQUIRE(answer.keys.size() == 1);
    return answer.keys[0];
  };
  auto delivered = [&](const Session& who) { return listed(who).delivered_here; };

  // Every operator sees the holder's escrowed keys; nobody without a session does.
  const Session reviewer = console_login(s, "rita");
  const Session finance = console_login(s, "fay");
  const Session admin = console_login(s, "adam");
  CHECK(listed(reviewer).serial == serial);
  CHECK(listed(finance).issued_with == first.business_no);
  CHECK(s.get("/console/api/" + keys).status == 401);
  CHECK(s.send_raw("POST", "/console/api/" + recover, body, "application/json").status == 401);

  // Refused, each changing nothing: a reviewer, finance; an admin without the CSRF token or with
  // another's; a serial that is not hex, not a string, or no body; a key that does not exist;
  // an application that is not there.
  for (const Session* who : {&reviewer, &finance}) {
    const auto r = console(s, *who, "POST", recover, body);
    CHECK(r.status == 403);
    CHECK(r.body["error"]["code"] == "forbidden_role");
  }
  CHECK(console(s, admin, "POST", recover, body, false).status == 403);
  Session forged = admin;
  forged.csrf = reviewer.csrf;
  const auto csrf = console(s, forged, "POST", recover, body);
  CHECK(csrf.status == 403);
  CHECK(csrf.body["error"]["code"] == "csrf_refused");
  CHECK(console(s, admin, "POST", recover, R"({"serial": "<script>"})").status == 400);
  CHECK(console(s, admin, "POST", recover, R"({"serial": 7})").status == 400);
  CHECK(console(s, admin, "POST", recover, "[]").status == 400);
  CHECK(console(s, admin, "POST", recover, "serial=" + serial, true,
                "application/x-www-form-urlencoded")
            .status == 415);
  CHECK(console(s, admin, "POST", recover, R"({"serial": "0123ABCD"})").status == 404);
  CHECK(console(s, admin, "POST", "applications/01202699999999999/recover-encryption-key", body)
            .status == 404);
  CHECK(console(s, admin, "POST", "applications/nonsense/recover-encryption-key", body).status ==
        404);
  CHECK_FALSE(delivered(admin));

  // The admin recovers it; again changes nothing.
  auto done = console(s, admin, "POST", recover, body);
  REQUIRE_MESSAGE(done.status == 200, done.body.dump());
  const auto recovered = protocol::decode_recovered_keys(protocol::Field(done.body));
  CHECK(recovered.business_no == second.business_no);
  REQUIRE(recovered.recovered.size() == 1);
  CHECK(recovered.recovered[0].serial == serial);
  CHECK(recovered.recovered[0].recovered_by == "operator:adam");
  CHECK(console(s, admin, "POST", recover, body).status == 200);
  CHECK(delivered(reviewer));

  // The application page shows it in its audit entries.
  const auto page = console(s, admin, "GET", "applications/" + second.business_no);
  CHECK(count_where(page.body["audit"], "action", "recover_encryption_key") == 1);

  s.stop();
  const server::AuditEntry audited = only_audit_entry_of(s, "recover_encryption_key");
  CHECK(audited.actor == "adam");
  CHECK(audited.role == "admin");
  CHECK(audited.source == "127.0.0.1");  // the console session's address
  CHECK(audited.business_no == second.business_no);
  CHECK(audited.detail.find(serial) != std::string::npos);
}
