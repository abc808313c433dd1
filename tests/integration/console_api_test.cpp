// The back office against a real certrenew-server (issue 18): per-operator API tokens for the
// `admin` command (roles enforced, disabled operators refused, the deprecated shared token still
// working), and the console's API refusing what it must without changing anything.
#include <doctest/doctest.h>

#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "console_client.hpp"

using namespace certrenew::testing;
using nlohmann::json;

TEST_CASE("per-operator API tokens: the admin command acts with the operator's role") {
  ServerProcess s;
  add_operator(s, "fin", "finance");
  add_operator(s, "rev", "reviewer");
  const std::string fin = token_file(s, "fin");
  const std::string rev = token_file(s, "rev");
  const std::string first = paid_by_transfer(s);
  std::string out;

  CHECK(admin(s, rev, "confirm-payment " + first, &out) == 1);  // a reviewer confirms no money
  CHECK(out.find("403") != std::string::npos);
  CHECK(admin(s, fin, "confirm-payment " + first, &out) == 0);
  CHECK(admin(s, fin, "approve " + first, &out) == 1);  // finance approves nothing
  CHECK(admin(s, rev, "approve " + first, &out) == 0);
  CHECK(out.find("\"approved\"") != std::string::npos);

  // A disabled operator's token ends with it.
  REQUIRE(run_server_command("operator --config '" + s.config_file().string() + "' disable rev",
                             &out) == 0);
  const std::string second = paid_by_transfer(s);
  REQUIRE(admin(s, fin, "confirm-payment " + second, &out) == 0);
  CHECK(admin(s, rev, "approve " + second, &out) == 1);
  // The deprecated shared token of config.json still works while the config sets it.
  CHECK(s.post("/api/v1/admin/applications/" + second + "/approve", nullptr, s.operator_token())
            .status == 200);

  // Who did what, from where, is in the audit log, and the chain is intact.
  add_operator(s, "aud", "admin");
  const Session session = console_login(s, "aud");
  auto audit = console(s, session, "GET", "audit?business_no=" + first);
  REQUIRE(audit.status == 200);
  std::vector<std::string> acts;
  for (const auto& e : audit.body["entries"]) {
    acts.push_back(e["actor"].get<std::string>() + ":" + e["action"].get<std::string>());
    CHECK(e["source"] == "127.0.0.1");
  }
  CHECK(acts == std::vector<std::string>{"fin:confirm_payment", "rev:approve"});
  auto verify = console(s, session, "GET", "audit/verify");
  CHECK(verify.body["intact"] == true);
}

TEST_CASE("the console refuses what it must, answers 4xx for odd requests and changes nothing") {
  ServerProcess s;
  add_operator(s, "fin", "finance");
  const std::string no = paid_by_transfer(s);

  // The pages come with the strict headers; nothing outside assets/console is served.
  auto c = s.client();
  auto page = c->Get("/console/");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->get_header_value("Content-Security-Policy").find("script-src 'self'") !=
        std::string::npos);
  CHECK(page->get_header_value("X-Frame-Options") == "DENY");
  CHECK(page->get_header_value("X-Content-Type-Options") == "nosniff");
  for (const char* path :
       {"/console/../config.json", "/console/js/../../../config.json", "/console/.hidden",
        "/console/js/%2e%2e/index.html", "/console/nothing.txt"}) {
    auto r = c->Get(path);
    REQUIRE(r);
    CAPTURE(path);
    CHECK(r->status == 404);
  }

  // Login: wrong type, not JSON, fields missing or of the wrong type.
  CHECK(s.send_raw("POST", "/console/api/login", "name=fin", "application/x-www-form-urlencoded")
            .status == 415);
  CHECK(s.send_raw("POST", "/console/api/login", "{", "application/json").status == 400);
  CHECK(
      s.send_raw("POST", "/console/api/login", R"({"name": 1, "password": []})", "application/json")
          .status == 400);
  CHECK(s.get("/console/api/applications").status == 401);

  const Session session = console_login(s, "fin");
  // A change without the CSRF token, or with another session's, is refused and changes nothing.
  CHECK(
      console(s, session, "POST", "applications/" + no + "/confirm-payment", "{}", false).status ==
      403);
  Session forged = session;
  forged.csrf = std::string(64, 'a');
  CHECK(console(s, forged, "POST", "applications/" + no + "/confirm-payment").status == 403);
  CHECK(console(s, session, "GET", "applications/" + no).body["payment_state"]["code"] ==
        "confirming");

  // Bad filters and bodies: 400 naming the field; unknown things: 404; wrong methods: 405.
  CHECK(console(s, session, "GET", "applications?state=bogus").status == 400);
  CHECK(console(s, session, "GET", "applications?from=2026-99-99").status == 400);
  // The list's paging and search (issue 17): each bad parameter refused, named.
  for (const auto& [query, field] :
       std::vector<std::pair<std::string, std::string>>{{"order=sideways", "order"},
                                                        {"after=abc", "after"},
                                                        {"after=12.", "after"},
                                                        {"after=-1.5", "after"},
                                                        {"after=1234567890123456789.1", "after"},
                                                        {"limit=0", "limit"},
                                                        {"limit=501", "limit"},
                                                        {"limit=ten", "limit"},
                                                        {"q=%FF%FE", "q"},
                                                        {"q=a%00b", "q"},
                                                        {"q=%0Aline", "q"},
                                                        {"q=" + std::string(101, 'x'), "q"}}) {
    CAPTURE(query);
    const auto r = console(s, session, "GET", "applications?" + query);
    CHECK(r.status == 400);
    CHECK(r.body["error"]["details"]["field"] == field);
  }
  {
    const auto page = console(s, session, "GET", "applications?limit=1&order=newest");
    REQUIRE(page.status == 200);
    CHECK(page.body["applications"].size() == 1);
    CHECK(page.body["matched"].get<int>() >= 1);
    // The one application there is: no next page; wildcards in a search are literal.
    CHECK(page.body["next"].is_null() == (page.body["matched"].get<int>() == 1));
    CHECK(console(s, session, "GET", "applications?q=%25").body["matched"] == 0);
    CHECK(console(s, session, "GET", "applications?q=" + no.substr(3, 8)).body["matched"] == 1);
  }
  CHECK(console(s, session, "GET", "audit?to=yesterday").status == 400);
  CHECK(console(s, session, "GET", "reports/daily?date=2026-02-30").status == 400);
  CHECK(console(s, session, "GET", "applications/01999999999999999").status == 404);
  CHECK(console(s, session, "GET", "applications/not-a-number").status == 404);
  CHECK(console(s, session, "GET", "no/such/thing").status == 404);
  CHECK(console(s, session, "GET", "applications/" + no + "/approve").status == 405);
  CHECK(console(s, session, "POST", "applications/" + no + "/confirm-payment", "[1, 2]").status ==
        400);
  CHECK(console(s, session, "POST", "applications/" + no + "/confirm-payment", "x", true,
                "text/plain")
            .status == 415);

  // A statement that cannot be read is refused and nothing is stored.
  CHECK(console(s, session, "POST", "reconciliation/statements",
                json{{"content_base64", "bm90IGEgc3RhdGVtZW50"}}.dump())
            .status == 400);
  CHECK(console(s, session, "POST", "reconciliation/statements",
                json{{"content_base64", "***"}}.dump())
            .status == 400);
  auto lines = console(s, session, "GET", "reconciliation");
  CHECK(lines.body["unmatched"].empty());
  CHECK(console(s, session, "POST", "reconciliation/confirm", json{{"matches", 3}}.dump()).status ==
        400);

  // Logged out: the cookie no longer works.
  CHECK(console(s, session, "POST", "logout").status == 200);
  CHECK(console(s, session, "GET", "applications").status == 401);
}
