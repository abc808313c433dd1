// Issue 22: the service as an RA in front of an existing CA over CMP, against OpenSSL's mock CMP
// server (started by each test on a free loopback port, stopped after, even on failure). The
// mock answers with a canned certificate, so each test has the "CA" issue the applicant's
// renewed certificate beforehand and hands it to the mock; the mock checks the RA's protection.
#include <doctest/doctest.h>

#include <fstream>

#include "ca/authority.hpp"
#include "certrenew/core/x509/certificate.hpp"
#include "cmp_mock_server.hpp"
#include "security_support.hpp"

using namespace certrenew;
using namespace certrenew::testing;
using namespace certrenew::testing::security;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::string kMacSecret = "cmp-shared-secret-4711";

server::CertificateAuthority::EndEntityProfile profile_named(const std::string& cn) {
  server::CertificateAuthority::EndEntityProfile p;
  p.subject = {{"C", "CN"}, {"O", "CertRenew Test"}, {"CN", cn}};
  p.key_usage = "critical,digitalSignature";
  p.extended_key_usage = "";
  return p;
}

// The existing CA, its CMP server's signing certificate, an RA certificate, and the applicant
// whose renewal the CA will issue (the mock's canned answer).
struct CmpWorld {
  fs::path dir;
  server::CertificateAuthority ca;
  Applicant applicant;

  explicit CmpWorld(const fs::path& folder)
      : dir(folder),
        ca(server::CertificateAuthority::create(server::CaKeyType::ec_p256, "Existing CA",
                                                "Existing CA Ltd", folder / "ca.crt",
                                                folder / "ca.key")),
        applicant(Applicant::of(ca, KeyKind::ec_p256,
                                std::chrono::system_clock::now() + std::chrono::days(20))) {
    end_entity("srv", "CMP Server");
    end_entity("ra", "CertRenew RA");
    // What the CA issues for the renewal: the old subject, the applicant's new key.
    server::CertificateAuthority::EndEntityProfile renewal;
    renewal.subject = {{"C", "CN"}, {"O", "广州某某贸易有限公司"}, {"CN", "胡某"}};
    renewal.subject_alt_name = "email:hu@example.cn";
    const auto now = std::chrono::system_clock::now();
    write_pem_certificate(dir / "rsp.crt", ca.issue_end_entity(applicant.new_key.get(), renewal,
                                                               now, now + std::chrono::days(730)));
  }

  void end_entity(const std::string& name, const std::string& cn) {
    const auto key = server::generate_key(server::CaKeyType::ec_p256);
    const auto now = std::chrono::system_clock::now();
    write_pem_certificate(dir / (name + ".crt"), ca.issue_end_entity(key.get(), profile_named(cn),
                                                                     now - std::chrono::hours(1),
                                                                     now + std::chrono::days(365)));
    server::write_private_key_pem(dir / (name + ".key"), key.get());
  }

  CmpMockServer::Options mock() const {
    CmpMockServer::Options o;
    o.server_certificate = dir / "srv.crt";
    o.server_key = dir / "srv.key";
    o.client_trust = dir / "ca.crt";
    o.response = dir / "rsp.crt";
    o.log = dir / "mock.log";
    return o;
  }

  json issuer(const CmpMockServer& m) const {
    return {{"type", "cmp"},
            {"server", m.url()},
            {"ca_certificate", (dir / "ca.crt").string()},
            {"ra_certificate", (dir / "ra.crt").string()},
            {"ra_private_key", (dir / "ra.key").string()}};
  }
};

// OpenSSL 3.0's mock server takes a kur (and an rr) only for the certificate it answers with: it
// matches the request's old certificate (issuer and serial) against -rsp_cert. So the canned
// renewal carries the old certificate's serial here, which a real CA would never reuse.
void answer_with_old_serial(const CmpWorld& w) {
  server::X509Ptr renewal = server::read_certificate(w.dir / "rsp.crt");
  server::X509Ptr old = server::parse_certificate_der(w.applicant.old_cert_der);
  REQUIRE(X509_set_serialNumber(renewal.get(), X509_get_serialNumber(old.get())) == 1);
  REQUIRE(X509_sign(renewal.get(), w.ca.key(), EVP_sha256()) > 0);
  fs::remove(w.dir / "rsp.crt");
  write_pem_certificate(w.dir / "rsp.crt", server::der_of(renewal.get()));
}

// Confirms the installation; returns the application's last event kind (the revocation's).
std::string install(const ServerProcess& s, const Submitted& app) {
  const auto done = s.post(kApps + "/" + app.business_no + "/installed", nullptr, app.token);
  REQUIRE(done.status == 200);
  CHECK(done.body["state"]["code"] == "completed");
  const auto shown = s.get(kAdmin + "/" + app.business_no, s.operator_token());
  REQUIRE(shown.body["events"].is_array());
  return shown.body["events"].back()["kind"].get<std::string>();
}

fs::path world_dir(const ServerProcess& s) {
  const fs::path d = s.dir().parent_path() / "cmp";
  fs::create_directories(d);
  return d;
}

void use_issuer(ServerProcess& s, const json& issuer) {
  s.reconfigure([&](json& c) { c["issuer"] = issuer; });
}

// Submits and pays; returns the operator's approval answer.
ServerProcess::Reply apply_and_approve(const ServerProcess& s, const Submitted& app) {
  const json transfer = {{"records",
                          {{{"payer_account", "6222 0202 0000 1234 567"},
                            {"payer_name", "广州某某贸易有限公司"},
                            {"amount", "200.00"},
                            {"paid_on", iso_now().substr(0, 10)},
                            {"remarks", ""}}}}};
  REQUIRE(s.put(kApps + "/" + app.business_no + "/bank-transfers", transfer, app.token).status ==
          200);
  REQUIRE(s.post(kAdmin + "/" + app.business_no + "/confirm-payment", nullptr, s.operator_token())
              .status == 200);
  return s.post(kAdmin + "/" + app.business_no + "/approve", nullptr, s.operator_token());
}

void check_renewed(const ServerProcess& s, const CmpWorld& w, const Submitted& app) {
  const Bytes issued = download(s, app);
  write_pem_certificate(w.dir / "issued.pem", issued);
  std::string out;
  CHECK_MESSAGE(shell("openssl verify -CAfile '" + (w.dir / "ca.crt").string() + "' '" +
                          (w.dir / "issued.pem").string() + "'",
                      &out) == 0,
                out);
  CHECK(x509::parse_certificate(issued).subject.der ==
        x509::parse_certificate(w.applicant.old_cert_der).subject.der);
  // The chain sent with it is the configured CA's, not the built-in one's.
  auto cert = s.get(kApps + "/" + app.business_no + "/certificate", app.token);
  CHECK(from_base64(cert.body["chain"][0].get<std::string>()) == w.ca.certificate_der());
}

}  // namespace

TEST_CASE("p10cr signed by the RA, with polling: a renewal completes through the CMP issuer") {
  ServerProcess s;
  CmpWorld w(world_dir(s));
  auto options = w.mock();
  options.poll_count = 1;  // the CA answers "waiting" once: the issuer polls
  CmpMockServer mock(options);
  use_issuer(s, w.issuer(mock));

  const Submitted app = submit(s, w.applicant);
  const auto approved = apply_and_approve(s, app);
  REQUIRE_MESSAGE(approved.status == 200, approved.body.dump());
  CHECK(approved.body["state"]["code"] == "approved");
  check_renewed(s, w, app);
  CHECK(s.get("/crl/ca.crl").status == 404);  // the existing CA publishes its own CRL

  // The mock revokes only its canned certificate (see answer_with_old_serial), so its refusal
  // of this rr is recorded for operators; the installation stands.
  CHECK(install(s, app) == "superseded_revocation_failed");
}

TEST_CASE("kur (the RA vouching for the proof of possession) is accepted by the CA") {
  ServerProcess s;
  CmpWorld w(world_dir(s));
  answer_with_old_serial(w);
  auto options = w.mock();
  options.accept_raverified = true;
  CmpMockServer mock(options);
  json issuer = w.issuer(mock);
  issuer["request"] = "kur";
  use_issuer(s, issuer);

  const Submitted app = submit(s, w.applicant);
  const auto approved = apply_and_approve(s, app);
  REQUIRE_MESSAGE(approved.status == 200, approved.body.dump());
  check_renewed(s, w, app);
  // Installed: the superseded certificate is revoked by the CA that issued it (rr, superseded).
  CHECK(install(s, app) == "superseded_revoked_by_issuer");
}

TEST_CASE("MAC protection with the shared secret; a wrong secret issues nothing") {
  ServerProcess s;
  CmpWorld w(world_dir(s));
  auto options = w.mock();
  options.client_trust.clear();
  options.secret = kMacSecret;
  CmpMockServer mock(options);
  json issuer = w.issuer(mock);
  issuer.erase("ra_certificate");
  issuer.erase("ra_private_key");
  issuer["mac_reference"] = "renewal-ra";
  issuer["mac_secret_file"] = (w.dir / "mac.secret").string();

  std::ofstream(w.dir / "mac.secret") << "not-the-secret\n";
  use_issuer(s, issuer);
  const Submitted refused = submit(s, w.applicant);
  const auto no = apply_and_approve(s, refused);
  CHECK(no.status == 502);
  CHECK(code_of(no) == "issuance_failed");
  CHECK(s.get(kApps + "/" + refused.business_no, refused.token).body["state"]["code"] ==
        "under_review");

  std::ofstream(w.dir / "mac.secret", std::ios::trunc) << kMacSecret << "\n";
  s.stop();
  s.start();
  const auto yes =
      s.post(kAdmin + "/" + refused.business_no + "/approve", nullptr, s.operator_token());
  REQUIRE_MESSAGE(yes.status == 200, yes.body.dump());
  check_renewed(s, w, refused);
}

TEST_CASE("the CA checks the RA's signature; the RA checks what the CA sends") {
  ServerProcess s;
  CmpWorld w(world_dir(s));

  SUBCASE("an RA certificate the CA does not trust is refused; nothing is issued") {
    auto options = w.mock();
    const fs::path other = w.dir / "other";
    server::CertificateAuthority::create(server::CaKeyType::ec_p256, "Other CA", "Other",
                                         other / "ca.crt", other / "ca.key");
    options.client_trust = other / "ca.crt";
    CmpMockServer mock(options);
    use_issuer(s, w.issuer(mock));
    const Submitted app = submit(s, w.applicant);
    const auto answer = apply_and_approve(s, app);
    CHECK(answer.status == 502);
    CHECK(code_of(answer) == "issuance_failed");
    CHECK(s.get(kApps + "/" + app.business_no + "/certificate", app.token).status == 409);
  }

  SUBCASE("a certificate for another key than the applicant's is refused") {
    const auto stranger = server::generate_key(server::CaKeyType::ec_p256);
    const auto now = std::chrono::system_clock::now();
    fs::remove(w.dir / "rsp.crt");
    write_pem_certificate(w.dir / "rsp.crt",
                          w.ca.issue_end_entity(stranger.get(), profile_named("胡某"), now,
                                                now + std::chrono::days(30)));
    CmpMockServer mock(w.mock());
    use_issuer(s, w.issuer(mock));
    const Submitted app = submit(s, w.applicant);
    const auto answer = apply_and_approve(s, app);
    CHECK(answer.status == 502);
    // OpenSSL's client refuses it first (a negative certConf tells the CA); the RA's own check
    // ("another key") stands behind it.
    const std::string why = answer.body["error"]["message"].get<std::string>();
    CHECK_MESSAGE((why.find("certificate not accepted") != std::string::npos ||
                   why.find("another key") != std::string::npos),
                  why);
    CHECK(s.get(kApps + "/" + app.business_no, app.token).body["state"]["code"] == "under_review");
  }
}
