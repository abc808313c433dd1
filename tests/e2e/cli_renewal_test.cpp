// The ten steps end to end with certrenew-cli as a separate process, certrenew-server --demo on
// loopback over TLS, and the softtoken driver loaded by the real plugin host. The back office is
// the operator API. What the token holds is read with the token layer afterwards.
#include <doctest/doctest.h>

#include "applicant.hpp"
#include "ca/authority.hpp"
#include "certrenew/core/pki/csr.hpp"
#include "certrenew/core/secure_buffer.hpp"
#include "certrenew/core/token/plugin_host.hpp"
#include "certrenew/core/token/session.hpp"
#include "certrenew/core/token/token_context.hpp"
#include "certrenew/core/token/token_signer.hpp"
#include "certrenew/core/x509/certificate.hpp"
#include "cli_world.hpp"

using namespace certrenew;
using namespace certrenew::testing;
using nlohmann::json;

namespace {

// What is on the world's token now, read without the CLI.
struct TokenContents {
  std::vector<token::TokenObject> objects;

  std::vector<x509::Certificate> certificates() const {
    std::vector<x509::Certificate> out;
    for (const auto& o : objects)
      if (o.certificate) out.push_back(x509::parse_certificate(o.certificate->der));
    return out;
  }
  std::size_t keys() const {
    std::size_t n = 0;
    for (const auto& o : objects) n += o.key ? 1 : 0;
    return n;
  }
  // The object holding this certificate; it must also hold the certificate's key.
  const token::TokenObject& holder(const Bytes& der) const {
    for (const auto& o : objects)
      if (o.certificate && o.certificate->der == der) return o;
    FAIL("certificate not on the token");
    throw std::logic_error("unreachable");
  }
};

token::Session open_token(const CliWorld& world, token::PluginHost& host) {
  auto loaded = host.load_file(CERTRENEW_E2E_SOFTTOKEN);
  REQUIRE(std::holds_alternative<token::Driver>(loaded));
  auto context = std::get<token::Driver>(loaded).open(world.softtoken_config().dump());
  return context.open_session(world.token_serial());
}

TokenContents read_token(const CliWorld& world) {
  return {world.token_objects()};
}

std::chrono::system_clock::time_point tp(x509::TimePoint t) {
  return std::chrono::system_clock::time_point(t);
}

// The id of the one key on the token without a certificate (an application's new key).
Bytes unused_key(const CliWorld& world) {
  const std::vector<Bytes> ids = world.bare_keys();
  REQUIRE(ids.size() == 1);
  return ids[0];
}

// The one certificate on a freshly enrolled token.
x509::Certificate only_certificate(const CliWorld& world) {
  auto certs = read_token(world).certificates();
  REQUIRE(certs.size() == 1);
  return certs[0];
}

void approve_paid(const CliWorld& world, const std::string& no, const std::string& amount) {
  world.pay_by_transfer(no, amount);
  world.confirm_payment(no);
  world.approve(no);
}

}  // namespace

TEST_CASE(
    "a 24-month renewal by bank transfer installs the new key's certificate, 24 months longer") {
  CliWorld world;
  const auto old = only_certificate(world);
  const std::string no = world.apply(24);

  auto status = world.cli({"status", no, "--json"});
  REQUIRE(status.rc == 0);
  CHECK(status.json()["application"]["state"]["code"] == "entered");
  CHECK(status.json()["application"]["total_fen"] == 20000);

  world.pay_by_transfer(no, "200.00");
  status = world.cli({"status", no, "--json"});
  CHECK(status.json()["application"]["payment_state"]["code"] == "confirming");
  CHECK(status.json()["step"] == "waiting_review");

  // Not approved yet: install refuses and writes nothing.
  auto early = world.cli({"install", no, "--pin-env", CliWorld::kPinVariable});
  CHECK(early.rc == 10);
  CHECK(read_token(world).certificates().size() == 1);

  world.confirm_payment(no);
  world.approve(no);
  auto install = world.cli({"install", no, "--pin-env", CliWorld::kPinVariable, "--json"});
  INFO("stderr: " << install.err);
  REQUIRE(install.rc == 0);
  CHECK(install.json()["step"] == "done");

  auto token = read_token(world);
  auto certs = token.certificates();
  REQUIRE(certs.size() == 2);  // retire policy "keep": the old one stays beside the new one
  const x509::Certificate& renewed = certs[0].der == old.der ? certs[1] : certs[0];
  CHECK(tp(renewed.not_after) == server::add_months(tp(old.not_after), 24));
  CHECK(renewed.subject.der == old.subject.der);
  // The new certificate sits next to a new key on the token, and certifies that key.
  const auto& holder = token.holder(renewed.der);
  REQUIRE(holder.key);
  CHECK(holder.key->spki == renewed.public_key.spki_der);
  CHECK(renewed.public_key.spki_der != old.public_key.spki_der);

  CHECK(world.admin_view(no)["state"]["code"] == "completed");
  CHECK(world.cli({"status", no, "--json"}).json()["step"] == "done");
  CHECK(world.local_record(no)["phase"] == "completed");
}

TEST_CASE("an expired certificate is refused with the service-hall guidance and nothing is sent") {
  CliWorld world;
  auto now = std::chrono::system_clock::now();
  server::CustomerEnrollment expired;
  expired.not_before = now - std::chrono::days(400);
  expired.not_after = now - std::chrono::days(1);
  expired.pin_cost = softtoken::KdfCost::fast;
  world.use_customer_token(expired);
  auto en = world.cli({"apply", "--accept-agreement", "--form", world.form_file(12).string(),
                       "--pin-env", CliWorld::kPinVariable});
  CHECK(en.rc == 9);
  CHECK(en.err.find("expired") != std::string::npos);
  CHECK(en.err.find("service hall") != std::string::npos);
  auto zh = world.cli({"apply", "--accept-agreement", "--form", world.form_file(12).string(),
                       "--pin-env", CliWorld::kPinVariable},
                      {}, "zh-CN");
  CHECK(zh.rc == 9);
  CHECK(zh.err.find("营业厅") != std::string::npos);
  CHECK(world.admin_list()["applications"].empty());
  CHECK(read_token(world).keys() == 1);  // no key was generated for it
}

TEST_CASE("a wrong PIN reports the tries left, is tried exactly once, and changes nothing") {
  CliWorld world;
  auto retries = [&] {
    auto tokens = world.cli({"tokens", "--json"}).json()["tokens"];
    for (const auto& t : tokens)
      if (t["id"] == world.token_serial()) return t["pin"]["retries_left"].get<int>();
    FAIL("token not listed");
    return -1;
  };
  const int before = retries();
  REQUIRE(before == 10);
  auto wrong = world.cli({"apply", "--accept-agreement", "--form", world.form_file(12).string(),
                          "--pin-env", CliWorld::kPinVariable},
                         {"CERTRENEW_E2E_PIN=000000"});
  CHECK(wrong.rc == 7);
  CHECK(wrong.err.find("The PIN is incorrect. 9 tries left.") != std::string::npos);
  CHECK(retries() == before - 1);  // one attempt, no retry behind the user's back
  CHECK(world.admin_list()["applications"].empty());
  CHECK(read_token(world).keys() == 1);

  auto zh = world.cli({"apply", "--accept-agreement", "--form", world.form_file(12).string(),
                       "--pin-env", CliWorld::kPinVariable},
                      {"CERTRENEW_E2E_PIN=000000"}, "zh-CN");
  CHECK(zh.rc == 7);
  CHECK(zh.err.find("还可尝试 8 次") != std::string::npos);

  // The right PIN still works and resets the counter.
  world.apply(12);
  CHECK(retries() == 10);
}

TEST_CASE("an application is cancelled before payment, only with confirmation") {
  CliWorld world;
  const std::string no = world.apply(12);
  auto unconfirmed = world.cli({"cancel", no});  // no terminal to confirm, no --yes
  CHECK(unconfirmed.rc == 2);
  CHECK(world.admin_view(no)["state"]["code"] == "entered");

  auto cancelled = world.cli({"cancel", no, "--yes", "--json"});
  INFO("stderr: " << cancelled.err);
  REQUIRE(cancelled.rc == 0);
  CHECK(cancelled.json()["step"] == "cancelled");
  CHECK(world.admin_view(no)["state"]["code"] == "cancelled");
  CHECK(world.cli({"status", no}).rc == 11);
  CHECK(world.cli({"cancel", no, "--yes"}).rc == 10);  // nothing left to cancel
  CHECK(world.cli({"install", no, "--pin-env", CliWorld::kPinVariable}).rc == 10);

  // The key made for it stays until the next login (cancelling asks for no PIN)...
  CHECK(read_token(world).keys() == 2);
  const Bytes cancelled_key = unused_key(world);
  CHECK(
      std::filesystem::exists(world.client_dir() / "data" / "applications" / "leftover-keys.json"));

  // ...which is the next application's: renewed again, and the unused key is gone.
  CHECK(world.apply(12) != no);
  const TokenContents after = read_token(world);
  CHECK(after.keys() == 2);  // the certificate's and the new application's
  for (const auto& o : after.objects) CHECK(o.id != cancelled_key);
  CHECK_FALSE(
      std::filesystem::exists(world.client_dir() / "data" / "applications" / "leftover-keys.json"));
}

TEST_CASE("a rejected application shows the back office's reason") {
  CliWorld world;
  const std::string no = world.apply(12);
  world.pay_by_transfer(no, "100.00");
  world.confirm_payment(no);
  world.reject(no, "付款人与证书持有人不符");
  auto status = world.cli({"status", no}, {}, "zh-CN");
  CHECK(status.rc == 11);
  CHECK(status.out.find("驳回原因：付款人与证书持有人不符") != std::string::npos);
  CHECK(world.cli({"install", no, "--pin-env", CliWorld::kPinVariable}).rc == 10);
  CHECK(read_token(world).certificates().size() == 1);

  // The rejected application's key is removed at the next login, not before.
  const Bytes rejected_key = unused_key(world);
  CHECK(world.apply(12) != no);
  for (const auto& o : read_token(world).objects) CHECK(o.id != rejected_key);
  CHECK(read_token(world).keys() == 2);
}

TEST_CASE("online payment through the sandbox gateway, approved automatically, then installed") {
  CliWorld world({.auto_approve = true, .demo = true});
  const auto old = only_certificate(world);
  const std::string no = world.apply(36);
  auto pay = world.cli({"pay", "online", no, "--json"});
  INFO("stderr: " << pay.err);
  REQUIRE(pay.rc == 0);
  std::string url = pay.json()["payment"]["pay_url"];
  CHECK(pay.json()["payment"]["amount_fen"] == 30000);
  auto paid = world.server().client()->Post(url.substr(url.find("/sandbox-gateway/")).c_str(), "",
                                            "application/x-www-form-urlencoded");
  REQUIRE(paid);
  REQUIRE(paid->status == 200);

  auto waited = world.cli({"status", no, "--wait", "--timeout", "60", "--interval", "1", "--json"});
  INFO("stderr: " << waited.err);
  REQUIRE(waited.rc == 0);
  CHECK(waited.json()["step"] == "ready_to_install");
  CHECK(waited.json()["application"]["payment_state"]["code"] == "paid");

  REQUIRE(world.cli({"install", no, "--pin-env", CliWorld::kPinVariable}).rc == 0);
  bool extended = false;
  for (const auto& c : read_token(world).certificates())
    extended |= tp(c.not_after) == server::add_months(tp(old.not_after), 36);
  CHECK(extended);
}

TEST_CASE("a client killed between writing and confirming resumes on the next run and finishes") {
  CliWorld world;
  const std::string no = world.apply(12);
  approve_paid(world, no, "100.00");

  auto killed = world.cli({"install", no, "--pin-env", CliWorld::kPinVariable},
                          {"CERTRENEW_TEST_CRASH_AT=install-written"});
  CHECK(killed.rc == 86);
  CHECK(read_token(world).certificates().size() == 2);         // written and read back...
  CHECK(world.admin_view(no)["state"]["code"] == "approved");  // ...but not confirmed
  CHECK(world.local_record(no)["phase"] == "installing_written");

  auto resumed = world.cli({"install", no, "--pin-env", CliWorld::kPinVariable});
  INFO("stderr: " << resumed.err);
  CHECK(resumed.rc == 0);
  CHECK(world.admin_view(no)["state"]["code"] == "completed");
  CHECK(read_token(world).certificates().size() == 2);  // not written twice

  // `certs` shows the kept old certificate as renewed, pointing at its successor (issue 16.2).
  const auto listed = world.certificates();
  REQUIRE(listed.size() == 2);
  const auto older = listed[0]["not_after"] < listed[1]["not_after"] ? listed[0] : listed[1];
  const auto newer = listed[0]["not_after"] < listed[1]["not_after"] ? listed[1] : listed[0];
  REQUIRE(older.contains("renewed_by"));
  CHECK(older["renewed_by"] == newer["selector"]);
  CHECK(newer.value("renewed_by", nlohmann::json(1)).is_null());
}

TEST_CASE("a failed write leaves the old certificate working and the installation resumable") {
  CliWorld world;
  const auto old = only_certificate(world);
  const std::string no = world.apply(12);
  approve_paid(world, no, "100.00");

  // The softtoken's 3rd file change in the install run is the certificate's first write
  // (login makes two: the retry counter and its reset).
  const json plain = world.softtoken_config();
  json faulty = plain;
  faulty["fault"] = {{"fail_write", 3}};
  world.configure_softtoken(faulty);
  auto failed = world.cli({"install", no, "--pin-env", CliWorld::kPinVariable});
  CHECK(failed.rc == 6);
  world.configure_softtoken(plain);

  auto token = read_token(world);
  REQUIRE(token.certificates().size() == 1);
  const auto& holder = token.holder(old.der);
  REQUIRE(holder.key);
  // "Working": the old key still signs a request that verifies against the old certificate.
  {
    token::PluginHost host;
    auto session = open_token(world, host);
    session.login(SecureBuffer(CliWorld::kPin));
    token::TokenSigner signer(session, holder.id);
    auto csr = pki::build_csr(signer, old.subject.der);
    CHECK(pki::verify_csr(csr).spki_der == old.public_key.spki_der);
  }
  CHECK(world.admin_view(no)["state"]["code"] == "approved");

  auto resumed = world.cli({"install", no, "--pin-env", CliWorld::kPinVariable});
  INFO("stderr: " << resumed.err);
  CHECK(resumed.rc == 0);
  CHECK(world.admin_view(no)["state"]["code"] == "completed");
}
