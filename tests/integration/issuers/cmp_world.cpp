#include "cmp_world.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "certrenew/core/x509/certificate.hpp"

namespace certrenew::testing::cmp {

using namespace certrenew::testing::security;
namespace fs = std::filesystem;
using nlohmann::json;

server::CertificateAuthority::EndEntityProfile profile_named(const std::string& cn) {
  server::CertificateAuthority::EndEntityProfile p;
  p.subject = {{"C", "CN"}, {"O", "CertRenew Test"}, {"CN", cn}};
  p.key_usage = "critical,digitalSignature";
  p.extended_key_usage = "";
  return p;
}

CmpWorld::CmpWorld(const fs::path& folder)
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
  write_pem_certificate(dir / "rsp.crt", ca.issue_end_entity(applicant.new_key.get(), renewal, now,
                                                             now + std::chrono::days(730)));
}

void CmpWorld::end_entity(const std::string& name, const std::string& cn) {
  const auto key = server::generate_key(server::CaKeyType::ec_p256);
  const auto now = std::chrono::system_clock::now();
  write_pem_certificate(dir / (name + ".crt"), ca.issue_end_entity(key.get(), profile_named(cn),
                                                                   now - std::chrono::hours(1),
                                                                   now + std::chrono::days(365)));
  server::write_private_key_pem(dir / (name + ".key"), key.get());
}

void CmpWorld::tls_server(const std::string& name, const std::string& dns_name) {
  server::CertificateAuthority::EndEntityProfile p = profile_named(dns_name);
  p.subject_alt_name = "DNS:" + dns_name;
  p.extended_key_usage = "serverAuth";
  const auto key = server::generate_key(server::CaKeyType::ec_p256);
  const auto now = std::chrono::system_clock::now();
  write_pem_certificate(
      dir / (name + ".crt"),
      ca.issue_end_entity(key.get(), p, now - std::chrono::hours(1), now + std::chrono::days(30)));
  server::write_private_key_pem(dir / (name + ".key"), key.get());
}

CmpMockServer::Options CmpWorld::mock() const {
  CmpMockServer::Options o;
  o.server_certificate = dir / "srv.crt";
  o.server_key = dir / "srv.key";
  o.client_trust = dir / "ca.crt";
  o.response = dir / "rsp.crt";
  o.log = dir / "mock.log";
  return o;
}

json CmpWorld::issuer(const CmpMockServer& m) const {
  return {{"type", "cmp"},
          {"server", m.url()},
          {"ca_certificate", (dir / "ca.crt").string()},
          {"ra_certificate", (dir / "ra.crt").string()},
          {"ra_private_key", (dir / "ra.key").string()},
          {"retry_base_seconds", 1},
          {"retry_max_seconds", 1},
          {"poll_milliseconds", 100},
          {"message_timeout_seconds", 5},
          {"total_timeout_seconds", 20}};
}

void answer_with_old_serial(const CmpWorld& w) {
  server::X509Ptr renewal = server::read_certificate(w.dir / "rsp.crt");
  server::X509Ptr old = server::parse_certificate_der(w.applicant.old_cert_der);
  REQUIRE(X509_set_serialNumber(renewal.get(), X509_get_serialNumber(old.get())) == 1);
  REQUIRE(X509_sign(renewal.get(), w.ca.key(), EVP_sha256()) > 0);
  fs::remove(w.dir / "rsp.crt");
  write_pem_certificate(w.dir / "rsp.crt", server::der_of(renewal.get()));
}

fs::path world_dir(const ServerProcess& s) {
  const fs::path d = s.dir().parent_path() / "cmp";
  fs::create_directories(d);
  return d;
}

void use_issuer(ServerProcess& s, const json& issuer) {
  s.reconfigure([&](json& c) { c["issuer"] = issuer; });
}

ServerProcess::Reply apply_and_approve(const ServerProcess& s, const Submitted& app) {
  pay_by_transfer(s, app);
  return s.admin_action(app.business_no, "approve");
}

namespace {

// Polls `done` every 100 ms, at most 60 s: a bound for a hung test, not a timed assertion.
template <typename F>
bool poll(F done) {
  for (int i = 0; i < 600; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

}  // namespace

bool wait_for_issuance(const ServerProcess& s, const Submitted& app) {
  bool ready = false;
  const bool settled = poll([&] {
    const auto view = s.get(kApps + "/" + app.business_no, app.token).body;
    ready = view["actions"]["install"] == true;
    return ready || view["state"]["code"] == "under_review";
  });
  REQUIRE_MESSAGE(settled, "the issuer's job did not settle");
  return ready;
}

json events_of(const ServerProcess& s, const Submitted& app) {
  return s.get(kAdmin + "/" + app.business_no, s.operator_token()).body["events"];
}

bool wait_for_event(const ServerProcess& s, const Submitted& app, const std::string& kind) {
  return poll([&] {
    for (const auto& e : events_of(s, app))
      if (e["kind"] == kind) return true;
    return false;
  });
}

void install(const ServerProcess& s, const Submitted& app) {
  const auto done = s.post(kApps + "/" + app.business_no + "/installed", nullptr, app.token);
  REQUIRE(done.status == 200);
  CHECK(done.body["state"]["code"] == "completed");
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

}  // namespace certrenew::testing::cmp
