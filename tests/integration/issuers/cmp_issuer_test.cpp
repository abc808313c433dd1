// Issue 22: the service as an RA in front of an existing CA over CMP, against OpenSSL's mock CMP
// server (started by each test on a loopback port, stopped after, even on failure). The mock
// answers with a canned certificate, so each test has the "CA" issue the applicant's renewed
// certificate beforehand and hands it to the mock; the mock checks the RA's protection.
// Approval queues the issuance; the server's issuer-job worker carries it out (cmp_world.hpp
// waits for it).
#include <doctest/doctest.h>

#include <fstream>

#include "cmp_world.hpp"

using namespace certrenew;
using namespace certrenew::testing;
using namespace certrenew::testing::cmp;
using namespace certrenew::testing::security;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::string kMacSecret = "cmp-shared-secret-4711";

bool has_event(const json& events, const std::string& kind, const std::string& detail_part = "") {
  for (const auto& e : events)
    if (e["kind"] == kind && e["detail"].get<std::string>().find(detail_part) != std::string::npos)
      return true;
  return false;
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
  REQUIRE(wait_for_issuance(s, app));
  check_renewed(s, w, app);
  CHECK(s.get("/crl/ca.crl").status == 404);  // the existing CA publishes its own CRL

  // The mock revokes only its canned certificate (see answer_with_old_serial): it rejects this
  // rr, a final no that is recorded for operators; the installation stands.
  install(s, app);
  REQUIRE(wait_for_event(s, app, "superseded_revocation_refused"));
  CHECK_FALSE(has_event(events_of(s, app), "superseded_revoked_by_issuer"));
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
  REQUIRE(wait_for_issuance(s, app));
  check_renewed(s, w, app);
  // Installed: the superseded certificate is revoked by the CA that issued it (rr, superseded).
  install(s, app);
  CHECK(wait_for_event(s, app, "superseded_revoked_by_issuer"));
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
  const Submitted app = submit(s, w.applicant);
  REQUIRE(apply_and_approve(s, app).status == 200);
  // The CA does not take the RA's protection (and the RA cannot authenticate the CA's answer):
  // a configuration fault, not the CA's decision on this request. Nothing is issued; the job
  // keeps trying and shows why to operators.
  REQUIRE(wait_for_event(s, app, "issuance_delayed"));
  CHECK(s.get(kApps + "/" + app.business_no + "/certificate", app.token).status == 409);
  const auto jobs = s.get(kAdmin + "/" + app.business_no, s.operator_token()).body["issuer_jobs"];
  REQUIRE(jobs.size() == 1);
  CHECK(jobs[0]["state"] == "pending");
  CHECK_FALSE(jobs[0]["last_error"].get<std::string>().empty());

  // The operator fixes the secret and restarts: the same job issues, no second approval.
  std::ofstream(w.dir / "mac.secret", std::ios::trunc) << kMacSecret << "\n";
  s.stop();
  s.start();
  REQUIRE(wait_for_issuance(s, app));
  check_renewed(s, w, app);
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
    REQUIRE(apply_and_approve(s, app).status == 200);
    CHECK_FALSE(wait_for_issuance(s, app));
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
    REQUIRE(apply_and_approve(s, app).status == 200);
    CHECK_FALSE(wait_for_issuance(s, app));
    // OpenSSL's client refuses it first (a negative certConf tells the CA); the RA's own check
    // ("another key") stands behind it.
    const json events = events_of(s, app);
    CHECK_MESSAGE((has_event(events, "issuance_refused", "certificate not accepted") ||
                   has_event(events, "issuance_refused", "another key")),
                  events.dump());
  }
}

TEST_CASE("the CA down at approval: issuance and revocation wait, survive a restart, then go") {
  ServerProcess s;
  CmpWorld w(world_dir(s));
  answer_with_old_serial(w);  // so that the mock also accepts the rr
  auto options = w.mock();
  options.accept_raverified = true;
  json issuer;
  {
    CmpMockServer probe(options);  // only to fix the CA's address; it goes at once
    options.port = probe.port();
    issuer = w.issuer(probe);
  }
  issuer["request"] = "kur";
  use_issuer(s, issuer);

  const Submitted app = submit(s, w.applicant);
  const auto approved = apply_and_approve(s, app);
  REQUIRE_MESSAGE(approved.status == 200, approved.body.dump());  // the answer does not wait
  CHECK(approved.body["state"]["code"] == "approved");
  REQUIRE(wait_for_event(s, app, "issuance_delayed"));
  const auto view = s.get(kApps + "/" + app.business_no, app.token).body;
  CHECK(view["state"]["code"] == "approved");  // the holder's window: approved, not issued
  CHECK(view["actions"]["install"] == false);
  CHECK(view["issuance"]["code"] == "pending");
  CHECK(s.get(kApps + "/" + app.business_no + "/certificate", app.token).status == 409);
  const auto jobs = s.get(kAdmin + "/" + app.business_no, s.operator_token()).body["issuer_jobs"];
  REQUIRE(jobs.size() == 1);
  CHECK(jobs[0]["state"] == "pending");
  CHECK_FALSE(jobs[0]["last_error"].get<std::string>().empty());

  // The job is in the database, not in the process: it survives a restart.
  s.stop();
  {
    CmpMockServer mock(options);  // the CA is back, at its address
    s.start();
    REQUIRE(wait_for_issuance(s, app));
    check_renewed(s, w, app);
  }

  // The CA down again when the installation is confirmed: the rr waits too.
  install(s, app);
  REQUIRE(wait_for_event(s, app, "superseded_revocation_failed"));
  CHECK_FALSE(has_event(events_of(s, app), "superseded_revoked_by_issuer"));
  CmpMockServer mock(options);
  CHECK(wait_for_event(s, app, "superseded_revoked_by_issuer"));
}

TEST_CASE("CMP over TLS: the CA's server is verified against tls_trust, host name included") {
  ServerProcess s;
  CmpWorld w(world_dir(s));
  CmpMockServer mock(w.mock());
  w.tls_server("tls-good", "localhost");
  w.tls_server("tls-other", "cmp.other.example");
  const fs::path stranger_ca = w.dir / "stranger";
  server::CertificateAuthority::create(server::CaKeyType::ec_p256, "Stranger CA", "Stranger",
                                       stranger_ca / "ca.crt", stranger_ca / "ca.key");
  json issuer = w.issuer(mock);
  issuer["tls_trust"] = (w.dir / "ca.crt").string();

  SUBCASE("the CA's own TLS certificate: the renewal is issued over TLS") {
    TlsFront front(w.dir / "tls-good.crt", w.dir / "tls-good.key", mock.port(), w.dir / "tls.log");
    issuer["server"] = front.url("localhost");
    use_issuer(s, issuer);
    const Submitted app = submit(s, w.applicant);
    REQUIRE(apply_and_approve(s, app).status == 200);
    REQUIRE(wait_for_issuance(s, app));
    check_renewed(s, w, app);
  }

  // A wrong server is never talked to: nothing is issued, the job waits with the TLS error.
  auto refused = [&](const fs::path& cert, const fs::path& key, const std::string& trust) {
    TlsFront front(cert, key, mock.port(), w.dir / "tls.log");
    issuer["server"] = front.url("localhost");
    issuer["tls_trust"] = trust;
    use_issuer(s, issuer);
    const Submitted app = submit(s, w.applicant);
    REQUIRE(apply_and_approve(s, app).status == 200);
    REQUIRE(wait_for_event(s, app, "issuance_delayed"));
    const auto jobs = s.get(kAdmin + "/" + app.business_no, s.operator_token()).body["issuer_jobs"];
    REQUIRE(jobs.size() == 1);
    CHECK(jobs[0]["state"] == "pending");
    const std::string error = jobs[0]["last_error"].get<std::string>();
    CHECK_MESSAGE(error.find("certificate verify failed") != std::string::npos, error);
    CHECK(s.get(kApps + "/" + app.business_no + "/certificate", app.token).status == 409);
  };
  SUBCASE("a certificate for another host name is refused") {
    refused(w.dir / "tls-other.crt", w.dir / "tls-other.key", (w.dir / "ca.crt").string());
  }
  SUBCASE("a certificate from a CA not in tls_trust is refused") {
    refused(w.dir / "tls-good.crt", w.dir / "tls-good.key", (stranger_ca / "ca.crt").string());
  }
}
