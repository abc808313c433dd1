// The demo instance's customer renews with the real pieces: the softtoken driver loaded by the
// plugin host, keys that never leave the token, CSR and SignedData signed through TokenSigner,
// the server over TLS, and the issued certificate verified before it is written back.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "application_steps.hpp"
#include "ca/authority.hpp"
#include "certrenew/core/pki/csr.hpp"
#include "certrenew/core/pki/issued_certificate.hpp"
#include "certrenew/core/pki/signed_data.hpp"
#include "certrenew/core/secure_buffer.hpp"
#include "certrenew/core/token/plugin_host.hpp"
#include "certrenew/core/token/session.hpp"
#include "certrenew/core/token/token_context.hpp"
#include "certrenew/core/token/token_signer.hpp"
#include "certrenew/core/x509/certificate.hpp"

using namespace certrenew;
using namespace certrenew::testing;
using nlohmann::json;

namespace {

token::Session demo_session(const ServerProcess& s, token::PluginHost& host) {
  auto loaded = host.load_file(CERTRENEW_SOFTTOKEN_PLUGIN);
  REQUIRE(std::holds_alternative<token::Driver>(loaded));
  auto& driver = std::get<token::Driver>(loaded);
  auto context = driver.open(json{{"root", (s.dir() / "demo" / "softtokens").string()}}.dump());
  auto tokens = context.tokens();
  REQUIRE(tokens.size() == 1);
  return context.open_session(tokens[0].id);
}

}  // namespace

TEST_CASE("init --demo leaves a customer whose certificate on the token expires in 20 days") {
  ServerProcess s({.demo = true});
  token::PluginHost host;
  token::Session session = demo_session(s, host);
  auto objects = session.objects();
  REQUIRE(objects.size() == 1);
  REQUIRE(objects[0].certificate);
  REQUIRE(objects[0].key);
  auto cert = x509::parse_certificate(objects[0].certificate->der);
  CHECK(cert.subject.first("CN") == "胡某");
  long days = cert.days_left(std::chrono::system_clock::now());
  CHECK(days >= 19);
  CHECK(days <= 20);
  CHECK(cert.public_key.spki_der == objects[0].key->spki);
  auto ca = x509::parse_certificate(
      server::der_of(server::read_certificate(s.dir() / "ca" / "ca.crt").get()));
  CHECK(cert.issuer.der == ca.subject.der);
}

TEST_CASE("the demo customer renews with keys that never leave the token") {
  ServerProcess s({.demo = true});
  token::PluginHost host;
  token::Session session = demo_session(s, host);
  session.login(SecureBuffer("123456"));
  auto old_object = session.objects().at(0);
  const Bytes old_cert = old_object.certificate->der;
  auto old = x509::parse_certificate(old_cert);

  // Step 5: a new key on the token, its CSR, and the application signed with the old key.
  token::GeneratedKey fresh = session.generate_key(token::KeyType::ec_p256, 0, "胡某 续期密钥");
  token::TokenSigner new_signer(session, fresh.id);
  token::TokenSigner old_signer(session, old_object.id);
  Applicant shape;  // only for the content's default fields
  json content = shape.content(s, 24);
  content["csr"] = to_base64(pki::build_csr(new_signer, old.subject.der));
  std::string text = content.dump();
  Bytes signed_app = pki::build_signed_data(old_signer, old_cert, as_bytes(text));

  auto submitted = s.post("/api/v1/applications", {{"signed_application", to_base64(signed_app)}});
  REQUIRE_MESSAGE(submitted.status == 201, submitted.body.dump());
  std::string no = submitted.body["application"]["business_no"];
  std::string token = submitted.body["capability_token"];

  // Steps 6-8: bank transfer, finance confirms, back office approves.
  REQUIRE(s.put("/api/v1/applications/" + no + "/bank-transfers", bank_transfer(), token).status ==
          200);
  REQUIRE(s.admin_action(no, "confirm-payment").status == 200);
  REQUIRE(s.admin_action(no, "approve").status == 200);

  // Step 9: download, verify before writing, write next to the new key, read back, confirm.
  auto download = s.get("/api/v1/applications/" + no + "/certificate", token);
  REQUIRE(download.status == 200);
  Bytes issued = from_base64(download.body["certificate"].get<std::string>());
  pki::TrustOptions trust;
  trust.anchors.push_back(from_base64(download.body["chain"][0].get<std::string>()));
  auto check = pki::verify_issued_certificate(issued, trust, fresh.spki, old_cert);
  CHECK_MESSAGE(check.ok(), (check.ok() ? "" : check.failures[0].detail));
  session.write_certificate(fresh.id, "胡某", issued);
  bool read_back = false;
  for (const auto& o : session.objects())
    if (o.id == fresh.id && o.certificate && o.certificate->der == issued) read_back = true;
  CHECK(read_back);
  CHECK(s.post("/api/v1/applications/" + no + "/installed", nullptr, token).body["state"]["code"] ==
        "completed");

  // Step 10: the validity is extended by exactly the period paid for.
  auto renewed = x509::parse_certificate(issued);
  CHECK(std::chrono::system_clock::time_point(renewed.not_after) ==
        server::add_months(std::chrono::system_clock::time_point(old.not_after), 24));
  CHECK(renewed.public_key.spki_der == fresh.spki);
}
