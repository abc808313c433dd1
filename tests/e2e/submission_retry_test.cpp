// A submission whose answer is lost, that never reaches the service, or that a proxy answers with
// 502 after the service committed it, is kept with its key and sent again; only a definite
// refusal discards it (issue 15, item 8; issue 16, item 1). The CLI runs as a process against a
// real certrenew-server; between them a loopback relay loses the submission's traffic
// (lossy_relay.hpp, TLS verified end to end) or a reverse proxy answers 502.
#include <doctest/doctest.h>

#include <atomic>

#include "cli_world.hpp"
#include "gateway_proxy.hpp"
#include "lossy_relay.hpp"

using namespace certrenew;
using namespace certrenew::testing;
using nlohmann::json;

namespace {

CliRun apply(const CliWorld& world, const std::string& language = "en") {
  return world.cli({"apply", "--accept-agreement", "--form", world.form_file(12).string(),
                    "--pin-env", CliWorld::kPinVariable, "--json"},
                   {}, language);
}

}  // namespace

TEST_CASE(
    "an answer lost after the service committed: the kept request gets the same application") {
  CliWorld world;
  LossyRelay relay(world.server().port());
  world.use_service_url(relay.base_url());
  relay.set_mode(LossyRelay::Mode::lose_large_answers);

  const CliRun lost = apply(world);
  INFO("stderr: " << lost.err);
  CHECK(lost.rc == 4);  // service_unreachable: try again
  CHECK(relay.cut() >= 1);
  CHECK(lost.err.find("sent again when you submit again") != std::string::npos);
  // The service committed the application; the client kept the signed request and its key.
  const json committed = world.admin_list()["applications"];
  REQUIRE(committed.size() == 1);
  const std::string business_no = committed[0]["business_no"].get<std::string>();
  const std::vector<json> kept = world.outbox();
  REQUIRE(kept.size() == 1);
  const std::vector<Bytes> keys = world.bare_keys();
  REQUIRE(keys.size() == 1);
  CHECK(to_hex(keys[0]) == kept[0]["new_key_id"].get<std::string>());

  // The line is back: the same request goes again and the service answers with the same
  // application; no second key, no second application, nothing left in the outbox.
  relay.set_mode(LossyRelay::Mode::pass);
  const CliRun retried = apply(world);
  INFO("stderr: " << retried.err);
  REQUIRE(retried.rc == 0);
  CHECK(retried.json()["business_no"] == business_no);
  CHECK(retried.json()["step"] == "payment");
  CHECK(world.local_record(business_no)["new_key_id"] == kept[0]["new_key_id"]);
  CHECK(world.admin_list()["applications"].size() == 1);
  CHECK(world.bare_keys() == keys);
  CHECK(world.outbox().empty());
}

TEST_CASE("a submission that never reached the service is sent again with the same key") {
  CliWorld world;
  LossyRelay relay(world.server().port());
  world.use_service_url(relay.base_url());
  relay.set_mode(LossyRelay::Mode::drop_large_requests);

  const CliRun down = apply(world, "zh-CN");
  INFO("stderr: " << down.err);
  CHECK(down.rc == 4);
  CHECK(relay.cut() >= 1);
  // Said in Chinese only, and not "nothing was changed": the key exists and is kept.
  CHECK(down.err.find("再次提交时将重新发送") != std::string::npos);
  CHECK(down.err.find("未做任何更改") == std::string::npos);
  CHECK(world.admin_list()["applications"].empty());
  const std::vector<json> kept = world.outbox();
  REQUIRE(kept.size() == 1);
  const std::vector<Bytes> keys = world.bare_keys();
  REQUIRE(keys.size() == 1);

  relay.set_mode(LossyRelay::Mode::pass);
  const CliRun retried = apply(world);
  INFO("stderr: " << retried.err);
  REQUIRE(retried.rc == 0);
  const std::string business_no = retried.json()["business_no"].get<std::string>();
  CHECK(world.local_record(business_no)["new_key_id"] == kept[0]["new_key_id"]);
  CHECK(world.bare_keys() == keys);  // the same key, no other
  CHECK(world.admin_list()["applications"].size() == 1);
  CHECK(world.outbox().empty());
}

TEST_CASE(
    "a 5xx after the service committed keeps the request, and the retry gets the application") {
  CliWorld world;
  GatewayProxy proxy(world);
  world.use_service_url(proxy.base_url(), proxy.trust_file());
  // After passing a submission on, the proxy answers 502 itself, as a proxy does when the service
  // is too slow to answer in time.
  std::atomic<int> cut{0};
  proxy.set_rewrite([&](const httplib::Request& in, httplib::Response& out) {
    if (in.method != "POST" || in.path != "/api/v1/applications") return;
    ++cut;
    out.status = 502;
    out.set_content("<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html");
  });

  const CliRun failed = apply(world);
  INFO("stderr: " << failed.err);
  CHECK(failed.rc == 4);
  CHECK(cut >= 1);
  const json committed = world.admin_list()["applications"];
  REQUIRE(committed.size() == 1);  // behind the proxy, the service took it
  const std::vector<json> kept = world.outbox();
  REQUIRE(kept.size() == 1);  // not deleted on the 502
  const std::vector<Bytes> keys = world.bare_keys();
  REQUIRE(keys.size() == 1);  // nor its key

  proxy.set_rewrite({});
  const CliRun retried = apply(world);
  INFO("stderr: " << retried.err);
  REQUIRE(retried.rc == 0);
  CHECK(retried.json()["business_no"] == committed[0]["business_no"]);
  CHECK(world.local_record(committed[0]["business_no"])["new_key_id"] == kept[0]["new_key_id"]);
  CHECK(world.bare_keys() == keys);
  CHECK(world.outbox().empty());
}
