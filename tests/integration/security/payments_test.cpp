// Issue 15 (and 14): the sandbox payment gateway is a test double that exists only in demo
// instances; the production server carries no demo token code.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <thread>

#include "security_support.hpp"

using namespace certrenew::testing;
using namespace certrenew::testing::security;
using nlohmann::json;

TEST_CASE("a production instance has no sandbox: no pay page, no online payment") {
  ServerProcess s;
  json config = json::parse(std::ifstream(s.config_file()));
  CHECK_FALSE(config.contains("demo"));
  CHECK(config["payments"]["gateway"] == "none");

  Applicant a = Applicant::of(s);
  Submitted app = submit(s, a);
  CHECK(app.application["actions"]["pay_online"] == false);
  CHECK(app.application["actions"]["bank_transfer"] == true);
  auto started = s.post(kApps + "/" + app.business_no + "/online-payments", nullptr, app.token);
  CHECK(started.status == 409);
  CHECK(code_of(started) == "online_payment_unavailable");

  // Nothing answers on the sandbox's paths, whatever the id.
  auto page = s.send_raw("GET", "/sandbox-gateway/pay/P000000000000000000000000", "", "");
  CHECK(page.status == 404);
  auto pay = s.send_raw("POST", "/sandbox-gateway/pay/P000000000000000000000000", "", "text/plain");
  CHECK(pay.status == 404);
  // And no notification is taken.
  auto notify = s.send_raw("POST", "/api/v1/payments/notify",
                           R"({"payment_id":"P0","amount_fen":20000,"gateway_ref":"x"})",
                           "application/json", {{"X-Gateway-Signature", "AAAA"}});
  CHECK(notify.status == 404);
  auto view = s.get(kApps + "/" + app.business_no, app.token);
  CHECK(view.body["payment_state"]["code"] == "unpaid");
}

TEST_CASE("the sandbox gateway in a config not marked demo: the server refuses to start") {
  ServerProcess s;
  std::ofstream(s.dir() / "secrets" / "gateway.key")
      << "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n";
  CHECK_THROWS_WITH(s.reconfigure([](json& c) {
    c["payments"] = {{"gateway", "sandbox"}, {"sandbox_key", "secrets/gateway.key"}};
  }),
                    doctest::Contains("test double"));
  CHECK_THROWS_WITH(s.reconfigure([](json& c) {
    c["demo"] = false;
    c["payments"] = {{"gateway", "sandbox"}, {"sandbox_key", "secrets/gateway.key"}};
  }),
                    doctest::Contains("test double"));
  CHECK_THROWS_WITH(s.reconfigure([](json& c) {
    c["payments"] = {{"gateway", "alipay"}};
  }),
                    doctest::Contains("payments.gateway"));
}

TEST_CASE("the clock-offset test switch is refused outside a demo instance") {
  ServerProcess s;
  s.stop();
  std::string out;
  CHECK(run_program({CERTRENEW_SERVER_BINARY, "serve", "--config", s.config_file().string(),
                     "--listen", "127.0.0.1:0", "--clock-offset-seconds", "3600"},
                    &out) != 0);
  CHECK(out.find("demo") != std::string::npos);
}

TEST_CASE("the production server binary carries no token code; the demo tool refuses production") {
  std::ifstream in(CERTRENEW_SERVER_BINARY, std::ios::binary);
  const std::string binary((std::istreambuf_iterator<char>(in)), {});
  REQUIRE(binary.size() > 100000);
  CHECK(binary.find("certrenew9softtoken") == std::string::npos);  // mangled namespace
  CHECK(binary.find("enroll_softtoken_customer") == std::string::npos);

  ServerProcess s;
  std::string out;
  CHECK(run_program({CERTRENEW_DEMO_BINARY, "enroll", "--instance", s.dir().string()}, &out) != 0);
  CHECK(out.find("not a demo instance") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(s.dir() / "demo"));
}

TEST_CASE("a demo instance pays online through the sandbox; forged notifications are refused") {
  ServerProcess s({.auto_approve = true, .demo = true});
  json config = json::parse(std::ifstream(s.config_file()));
  CHECK(config["demo"] == true);
  CHECK(config["payments"]["gateway"] == "sandbox");
  Applicant a = Applicant::of(s);
  Submitted app = submit(s, a);
  auto started = s.post(kApps + "/" + app.business_no + "/online-payments", nullptr, app.token);
  REQUIRE_MESSAGE(started.status == 201, started.body.dump());
  CHECK(started.body["gateway"] == "sandbox");
  const std::string id = started.body["payment_id"];
  auto forged =
      s.send_raw("POST", "/api/v1/payments/notify",
                 json{{"payment_id", id}, {"amount_fen", 20000}, {"gateway_ref", "x"}}.dump(),
                 "application/json", {{"X-Gateway-Signature", "forged"}});
  CHECK(forged.status == 401);
  CHECK(code_of(forged) == "bad_notification_signature");
  const std::string url = started.body["pay_url"];
  auto paid = s.client()->Post(url.substr(url.find("/sandbox-gateway/")).c_str(), "", "text/plain");
  REQUIRE(paid);
  CHECK(paid->status == 200);
  json last;
  for (int i = 0; i < 100; ++i) {
    last = s.get(kApps + "/" + app.business_no, app.token).body;
    if (last["state"]["code"] == "approved") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  CHECK(last["state"]["code"] == "approved");
  CHECK(last["payment_state"]["code"] == "paid");
}
