// The GUI's path through the flow after a failure (issue 16, items 1 and 10), with the client
// library wired by client::Runtime exactly as the app wires it, against a real certrenew-server
// and the softtoken: a submission that fails (the service is out of reach at that moment) is
// retried by pressing 提交 again, which reuses the new key; the time of the last progress check
// is that of the last check the service answered. The issuing CA is pinned at the first contact
// and a certificate that does not chain to it is not installed (issue 15, item 7).
#include <doctest/doctest.h>

#include <fstream>

#include "certrenew/client/runtime.hpp"
#include "cli_world.hpp"
#include "lossy_relay.hpp"
#include "test_pki.hpp"

using namespace certrenew;
using namespace certrenew::testing;

namespace {

client::RuntimeOptions runtime_of(const CliWorld& world) {
  client::RuntimeOptions o;
  o.config_file = world.client_dir() / "config.json";
  o.data_dir = world.client_dir() / "data";
  o.default_driver_path = false;  // the configuration names the softtoken's folder
  return o;
}

client::RenewalForm demo_form() {
  client::RenewalForm f;
  f.period_months = 12;
  f.operator_info = {"resident_id", "11010519491231002X", "胡某", "13800138000", "hu@example.cn"};
  f.recipient = {"胡某", "13800138000", "广东省佛山市禅城区某某路1号"};
  return f;
}

}  // namespace

TEST_CASE("提交 again after a failed submission retries with the same key, in the same flow") {
  CliWorld world;
  LossyRelay relay(world.server().port());
  world.use_service_url(relay.base_url());
  client::Runtime runtime(runtime_of(world));
  client::RenewalFlow flow(runtime.flow_context());
  flow.choose(runtime.inventory().select_certificate(""));
  flow.start_application();
  flow.load_agreement(client::Language::zh_CN);
  flow.accept_agreement(true);
  flow.load_fees();
  REQUIRE(flow.submit_form(demo_form()).empty());
  REQUIRE(flow.step() == client::FlowStep::sign);

  relay.set_mode(LossyRelay::Mode::drop_large_requests);  // the service is gone at that moment
  try {
    flow.sign_and_submit(SecureBuffer(CliWorld::kPin));
    FAIL("the submission went through a dropped line");
  } catch (const client::FlowError& e) {
    CHECK(e.kind() == client::FlowError::Kind::service_unreachable);
    CHECK(e.message_zh().find("未做任何更改") == std::string::npos);  // a key exists now
  }
  CHECK(flow.step() == client::FlowStep::sign);
  const std::vector<Bytes> keys = world.bare_keys();
  REQUIRE(keys.size() == 1);

  // The clerk presses 提交 again: no "wrong step", the form is taken and signing follows.
  relay.set_mode(LossyRelay::Mode::pass);
  CHECK(flow.submit_form(demo_form()).empty());
  CHECK(flow.step() == client::FlowStep::sign);
  flow.sign_and_submit(SecureBuffer(CliWorld::kPin));
  CHECK(flow.step() == client::FlowStep::payment);
  REQUIRE(flow.record());
  CHECK(flow.record()->new_key_id == keys[0]);
  CHECK(world.bare_keys() == keys);
  CHECK(world.admin_list()["applications"].size() == 1);
  CHECK(world.outbox().empty());

  // 上次查询: a check the service answered sets the time; one that failed leaves it.
  flow.refresh();
  REQUIRE(flow.last_checked());
  const auto answered = *flow.last_checked();
  world.server().stop();
  CHECK_THROWS_AS(flow.refresh(), client::FlowError);
  REQUIRE(flow.last_checked());
  CHECK(*flow.last_checked() == answered);
}

TEST_CASE("the renewed certificate is checked against the CA pinned at the first contact") {
  CliWorld world;
  client::Runtime runtime(runtime_of(world));
  CHECK_FALSE(runtime.issuer_trust().anchor());  // nothing pinned before the first contact
  client::RenewalFlow flow(runtime.flow_context());
  flow.choose(runtime.inventory().select_certificate(""));
  const auto anchor = runtime.issuer_trust().anchor();
  REQUIRE(anchor);
  CHECK(anchor->source == client::IssuerAnchor::Source::pinned);
  CHECK(anchor->der == flow.service_info()->ca_certificate);
  CHECK(std::filesystem::exists(world.client_dir() / "data" / "issuer-ca.der"));
}

TEST_CASE(
    "a certificate that does not chain to the pinned CA is not installed, whatever the "
    "service names now") {
  CliWorld world;
  const std::string no = world.apply(12);  // the first contact pinned the service's CA
  const auto pin = world.client_dir() / "data" / "issuer-ca.der";
  REQUIRE(std::filesystem::exists(pin));
  // The CA the client pinned is not the one that issues from now on (the service still names
  // its own, which did issue the certificate): the client must go by its pin.
  auto key = make_key(KeyKind::ec_p256);
  CertSpec spec;
  spec.subject = {{"CN", "Some other CA"}};
  spec.is_ca = true;
  spec.not_before = std::chrono::system_clock::now() - std::chrono::hours(1);
  spec.not_after = spec.not_before + std::chrono::days(365);
  const auto other = cert_der(issue_cert(spec, key.get(), nullptr, key.get()).get());
  std::ofstream(pin, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(other.data()),
             static_cast<std::streamsize>(other.size()));
  world.pay_by_transfer(no, "100.00");
  world.confirm_payment(no);
  world.approve(no);
  const std::vector<Bytes> bare_before = world.bare_keys();  // the new key, no certificate yet

  const CliRun refused = world.cli({"install", no, "--pin-env", CliWorld::kPinVariable});
  INFO("stderr: " << refused.err);
  CHECK(refused.rc == 12);                  // certificate_rejected: nothing written
  CHECK(world.bare_keys() == bare_before);  // nothing written beside the new key
  CHECK(world.admin_view(no)["state"]["code"] == "approved");  // not confirmed as installed
}
