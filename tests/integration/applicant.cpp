#include "applicant.hpp"

#include <ctime>
#include <random>

#include "ca/authority.hpp"
#include "certrenew/core/pki/csr.hpp"
#include "certrenew/core/pki/signed_data.hpp"
#include "certrenew/core/protocol/requests.hpp"
#include "certrenew/core/x509/certificate.hpp"

namespace certrenew::testing {

using nlohmann::json;

std::string fresh_nonce() {
  std::random_device rd;
  return to_hex(Bytes{static_cast<std::uint8_t>(rd()), static_cast<std::uint8_t>(rd()),
                      static_cast<std::uint8_t>(rd()), static_cast<std::uint8_t>(rd()),
                      static_cast<std::uint8_t>(rd()), static_cast<std::uint8_t>(rd()),
                      static_cast<std::uint8_t>(rd()), static_cast<std::uint8_t>(rd()),
                      static_cast<std::uint8_t>(rd()), static_cast<std::uint8_t>(rd())});
}

std::string iso_now(std::chrono::seconds offset) {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() + offset);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Applicant Applicant::of(const ServerProcess& server, KeyKind kind,
                        std::chrono::system_clock::time_point not_after) {
  auto ca = server::CertificateAuthority::load(server.dir() / "ca" / "ca.crt",
                                               server.dir() / "ca" / "ca.key");
  return of(ca, kind, not_after);
}

Applicant Applicant::of(const server::CertificateAuthority& ca, KeyKind kind,
                        std::chrono::system_clock::time_point not_after) {
  Applicant a;
  a.old_key = make_key(kind);
  a.new_key = make_key(kind);
  server::CertificateAuthority::EndEntityProfile profile;
  profile.subject = {{"C", "CN"}, {"O", "广州某某贸易有限公司"}, {"CN", "胡某"}};
  profile.subject_alt_name = "email:hu@example.cn";
  a.old_cert_der =
      ca.issue_end_entity(a.old_key.get(), profile, not_after - std::chrono::days(365), not_after);
  return a;
}

json Applicant::content(const ServerProcess& server, int period_months) const {
  return content(server.get("/api/v1/agreement?lang=zh-CN").body, period_months);
}

json Applicant::content(const json& agreement, int period_months) const {
  return {
      {"type", certrenew::protocol::kApplicationType},
      {"version", 1},
      {"period_months", period_months},
      {"operator",
       {{"id_type", "resident_id"},
        {"id_number", "11010519491231002X"},
        {"name", "胡某"},
        {"mobile", "+86 138-0013-8000"},
        {"email", "hu@example.cn"}}},
      {"recipient",
       {{"name", "胡某"}, {"mobile", "13800138000"}, {"address", "广东省佛山市禅城区某某路1号"}}},
      {"agreement", {{"version", agreement["version"]}, {"sha256", agreement["sha256"]}}},
      {"nonce", fresh_nonce()},
      {"time", iso_now()}};
}

Bytes Applicant::sign(json content) const {
  if (!content.contains("csr")) {
    OpenSslKeySigner new_signer(new_key.get());
    auto subject = x509::parse_certificate(old_cert_der).subject.der;
    content["csr"] = to_base64(pki::build_csr(new_signer, subject));
  }
  OpenSslKeySigner old_signer(old_key.get());
  std::string text = content.dump();
  return pki::build_signed_data(old_signer, old_cert_der, as_bytes(text));
}

json Applicant::body(const json& content) const {
  return {{"signed_application", to_base64(sign(content))}};
}

}  // namespace certrenew::testing
