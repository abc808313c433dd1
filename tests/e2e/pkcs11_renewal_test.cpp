// The renewal end to end with the customer's key and certificate on a SoftHSM2 token, reached
// through the PKCS#11 bridge (plugins/pkcs11) exactly as a vendor's USB token would be. The key
// pair is generated and the certificate written with OpenSC's pkcs11-tool, as a CA's enrollment
// desk leaves them; the certificate is issued by the demo service's CA. Then the PIN states only
// real tokens show (final try, locked) come from the fault-injecting module (a TEST DOUBLE
// wrapping SoftHSM2), and the CLI's warnings and refusals are checked against them.
#include <doctest/doctest.h>
#include <openssl/x509.h>

#include <fstream>

#include "ca/authority.hpp"
#include "certrenew/core/secure_buffer.hpp"
#include "certrenew/core/token/plugin_host.hpp"
#include "certrenew/core/token/session.hpp"
#include "certrenew/core/token/token_context.hpp"
#include "certrenew/core/x509/certificate.hpp"
#include "cli_world.hpp"
#include "softhsm_fixture.hpp"
#include "text_file.hpp"

using namespace certrenew;
using namespace certrenew::testing;
using nlohmann::json;

namespace {

const std::string kKeyId = "c0ffee01";

// The CA's enrollment: a key pair made on the token by pkcs11-tool, the certificate from the
// service's CA written next to it, valid for 20 more days.
x509::Certificate enroll_customer(const CliWorld& world, const SoftHsmToken& hsm) {
  hsm.generate_key_pair(SoftHsmKey::ec_p256, kKeyId, "customer");
  Bytes spki = hsm.public_key(kKeyId);
  const unsigned char* p = spki.data();
  server::PkeyPtr key(d2i_PUBKEY(nullptr, &p, static_cast<long>(spki.size())));
  REQUIRE(key);
  auto ca = server::CertificateAuthority::load(world.server().dir() / "ca" / "ca.crt",
                                               world.server().dir() / "ca" / "ca.key");
  server::CertificateAuthority::EndEntityProfile profile;
  profile.subject = {{"C", "CN"}, {"O", "广州某某贸易有限公司"}, {"CN", "胡某"}};
  auto now = std::chrono::system_clock::now();
  Bytes der = ca.issue_end_entity(key.get(), profile, now - std::chrono::days(345),
                                  now + std::chrono::days(20));
  hsm.write_certificate(kKeyId, der, "customer");
  return x509::parse_certificate(der);
}

std::vector<token::TokenObject> hsm_objects(const SoftHsmToken& hsm) {
  token::PluginHost host;
  auto loaded = host.load_file(pkcs11_driver_file());
  REQUIRE(std::holds_alternative<token::Driver>(loaded));
  auto context = std::get<token::Driver>(loaded).open(hsm.driver_config());
  auto session = context.open_session(hsm.serial());
  session.login(SecureBuffer(hsm.pin()));  // private keys are listed to a logged-in user only
  return session.objects();
}

}  // namespace

TEST_CASE("a customer enrolled on SoftHSM2 with pkcs11-tool renews through the PKCS#11 bridge") {
  CliWorld world;
  SoftHsmToken hsm;
  const auto old = enroll_customer(world, hsm);
  world.configure_drivers({{"pkcs11", json::parse(hsm.driver_config())}});
  world.set_environment(hsm.environment());

  auto certs = world.certificates();
  REQUIRE(certs.size() == 1);
  CHECK(certs[0]["token_id"] == hsm.serial());

  const std::string no = world.apply(24);
  world.pay_by_transfer(no, "200.00");
  world.confirm_payment(no);
  world.approve(no);
  auto install = world.cli({"install", no, "--pin-env", CliWorld::kPinVariable});
  INFO("stderr: " << install.err);
  REQUIRE(install.rc == 0);
  CHECK(world.admin_view(no)["state"]["code"] == "completed");

  // On the token: the old pair untouched, a new private key generated there, and the renewed
  // certificate next to it under the same CKA_ID, valid 24 months longer.
  auto objects = hsm_objects(hsm);
  int renewed = 0;
  for (const auto& o : objects) {
    if (!o.certificate || o.certificate->der == old.der) continue;
    auto c = x509::parse_certificate(o.certificate->der);
    REQUIRE(o.key);
    CHECK(o.key->spki == c.public_key.spki_der);
    CHECK(o.id != from_hex(kKeyId));
    CHECK(std::chrono::system_clock::time_point(c.not_after) ==
          server::add_months(std::chrono::system_clock::time_point(old.not_after), 24));
    ++renewed;
  }
  CHECK(renewed == 1);
  // pkcs11-tool sees what the bridge wrote, as any other PKCS#11 application would.
  auto listed = hsm.pkcs11_tool({"--list-objects", "--type", "cert"});
  CHECK(listed.exit_code == 0);
  CHECK(listed.output.find("Certificate Object") != std::string::npos);
}

TEST_CASE("final try and locked tokens: the CLI warns, refuses, and never spends a try itself") {
  CliWorld world;
  SoftHsmToken hsm;
  enroll_customer(world, hsm);
  json config = json::parse(hsm.driver_config());
  config["modules"] = {CERTRENEW_E2E_PKCS11_FAULTY};
  world.configure_drivers({{"pkcs11", config}});
  const auto control = world.client_dir() / "faults";
  const auto login_log = world.client_dir() / "logins";
  auto env = hsm.environment();
  env.push_back("CERTRENEW_FAULTY_PKCS11_CONTROL=" + control.string());
  env.push_back("CERTRENEW_FAULTY_PKCS11_LOG=" + login_log.string());
  world.set_environment(env);
  auto faults = [&](const std::string& words) { std::ofstream(control) << words; };
  const std::vector<std::string> apply = {"apply",     "--accept-agreement",
                                          "--form",    world.form_file(12).string(),
                                          "--pin-env", CliWorld::kPinVariable};

  faults("final_try");
  auto tokens = world.cli({"tokens", "--json"});
  REQUIRE(tokens.rc == 0);
  CHECK(tokens.json()["tokens"][0]["pin"]["final_try"] == true);
  CHECK(world.cli({"tokens"}).out.find("FINAL try") != std::string::npos);
  CHECK(world.cli({"tokens"}, {}, "zh-CN").out.find("最后一次") != std::string::npos);

  faults("locked");
  auto locked = world.cli(apply);
  CHECK(locked.rc == 8);
  CHECK(locked.err.find("locked") != std::string::npos);
  CHECK(read_text_file(login_log).find("C_Login") == std::string::npos);  // refused before any try
  CHECK(world.admin_list()["applications"].empty());

  faults("pin_tries=3");
  auto wrong = world.cli(apply, {"CERTRENEW_E2E_PIN=000000"});
  CHECK(wrong.rc == 7);
  CHECK(wrong.err.find("The PIN is incorrect.") != std::string::npos);
  std::string logins = read_text_file(login_log);
  CHECK(std::count(logins.begin(), logins.end(), '\n') == 1);  // one try, no retry
  CHECK(world.admin_list()["applications"].empty());
}
