// Issue 21: the dual-certificate fields of the protocol decode strictly and round-trip.
#include <doctest/doctest.h>

#include "certrenew/core/protocol/dual_certificates.hpp"
#include "certrenew/core/protocol/requests.hpp"
#include "test_pki.hpp"

using namespace certrenew;
using namespace certrenew::protocol;
using namespace certrenew::testing;
using nlohmann::json;

namespace {

X509Ptr certificate_for(KeyKind kind) {
  auto key = make_key(kind);
  CertSpec spec;
  spec.subject = {{"C", "CN"}, {"O", "某公司"}, {"CN", "胡某"}};
  spec.not_before = std::chrono::system_clock::now() - std::chrono::hours(1);
  spec.not_after = spec.not_before + std::chrono::hours(24 * 365);
  spec.key_usage = "keyEncipherment,dataEncipherment";
  return issue_cert(spec, key.get(), nullptr, key.get());
}

std::string problem_of(const json& value) {
  try {
    decode_encryption_certificate(Field(value, "encryption_certificate"));
  } catch (const DecodeError& e) {
    CHECK(e.path() == "encryption_certificate");
    return e.problem();
  }
  return "(accepted)";
}

json application_body() {
  ApplicationContent c;
  c.period_months = 12;
  c.operator_info = {"resident_id", "11010519491231002X", "胡某", "13800138000", "hu@example.cn"};
  c.recipient = {"胡某", "13800138000", "广东省佛山市某路1号"};
  c.agreement = {"2026.1", std::string(64, 'a')};
  c.csr = {0x30, 0x00};
  c.nonce = "0123456789abcdef";
  c.time = UtcTime::from(std::chrono::system_clock::now());
  return encode(c);
}

}  // namespace

TEST_CASE("an SM2 encryption certificate in PEM decodes; anything else names the field") {
  const auto sm2 = certificate_for(KeyKind::sm2);
  const std::string pem = cert_pem(sm2.get());
  const auto decoded = decode_encryption_certificate(Field(json(pem), "encryption_certificate"));
  CHECK(decoded.der == cert_der(sm2.get()));
  CHECK(problem_of(json("\n  " + pem + "  \n")) == "(accepted)");  // blanks around it are fine
  CHECK(certificate_pem(decoded.der) == pem);                      // OpenSSL's own PEM layout

  CHECK(problem_of(json(cert_pem(certificate_for(KeyKind::ec_p256).get()))) ==
        "not an SM2 certificate");
  CHECK(problem_of(json(pem + pem)) == "not exactly one PEM certificate");
  CHECK(problem_of(json("junk\n" + pem)) == "not exactly one PEM certificate");
  CHECK(problem_of(json(pem + "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")) ==
        "not exactly one PEM certificate");
  CHECK(problem_of(json(to_base64(cert_der(sm2.get())))) == "not exactly one PEM certificate");
  std::string damaged = pem;
  damaged[40] = damaged[40] == 'A' ? 'B' : 'A';  // inside the base64: a different DER
  CHECK(problem_of(json(damaged)) == "not a well-formed certificate");
  CHECK(problem_of(
            json(std::string("-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----"))) ==
        "not a well-formed certificate");
  CHECK(problem_of(json(42)) == "expected a string, got a number");
  CHECK(problem_of(json(std::string(kMaxEncryptionCertificatePem + 1, 'A'))).find("longer") !=
        std::string::npos);
}

TEST_CASE("the application carries the encryption certificate only when the holder has one") {
  json body = application_body();
  CHECK_FALSE(body.contains("encryption_certificate"));
  CHECK_FALSE(decode_application_content(body).encryption_certificate.has_value());

  const auto sm2 = certificate_for(KeyKind::sm2);
  body["encryption_certificate"] = cert_pem(sm2.get());
  const ApplicationContent c = decode_application_content(body);
  REQUIRE(c.encryption_certificate.has_value());
  CHECK(c.encryption_certificate->der == cert_der(sm2.get()));
  CHECK(encode(c)["encryption_certificate"] == body["encryption_certificate"]);

  body["encryption_certificate"] = cert_pem(certificate_for(KeyKind::rsa2048).get());
  CHECK_THROWS_WITH_AS(decode_application_content(body),
                       "encryption_certificate: not an SM2 certificate", DecodeError);
  body["encryption_certificate"] = json::array();
  CHECK_THROWS_WITH_AS(decode_application_content(body),
                       "encryption_certificate: expected a string, got a list", DecodeError);
  body["encryption_certificate"] = nullptr;  // null is "absent", as for every optional field
  CHECK_FALSE(decode_application_content(body).encryption_certificate.has_value());
}

TEST_CASE("the download answer's encryption and recovered keys round-trip and decode strictly") {
  const auto sm2 = certificate_for(KeyKind::sm2);
  DualCertificateDownload download;
  download.encryption = EncryptionKeyDelivery{x509::parse_certificate(cert_der(sm2.get())),
                                              Bytes{0x30, 0x03, 0x02, 0x01, 0x01}};
  download.recovered.push_back(*download.encryption);
  json answer = {{"business_no", "01202611240000001"}};
  add_to_answer(download, answer);
  CHECK(answer["encryption"]["certificate"] == cert_pem(sm2.get()));
  CHECK(answer["encryption"]["envelope"] == "MAMCAQE=");

  const auto back = decode_dual_certificate_download(Field(answer));
  REQUIRE(back.encryption.has_value());
  CHECK(back.encryption->certificate.der == cert_der(sm2.get()));
  CHECK(back.encryption->envelope == download.encryption->envelope);
  REQUIRE(back.recovered.size() == 1);

  json single = {{"business_no", "01202611240000001"}};
  add_to_answer({}, single);
  CHECK(single.size() == 1);  // a single-certificate renewal: nothing added
  CHECK_FALSE(decode_dual_certificate_download(Field(single)).encryption.has_value());

  auto refused = [&](json bad) {
    try {
      decode_dual_certificate_download(Field(bad));
    } catch (const DecodeError& e) {
      return std::string(e.what());
    }
    return std::string("(accepted)");
  };
  json bad = answer;
  bad["encryption"]["envelope"] = "not base64!";
  CHECK(refused(bad) == "encryption.envelope: not base64");
  bad = answer;
  bad["encryption"]["envelope"] = "";
  CHECK(refused(bad) == "encryption.envelope: empty");
  bad = answer;
  bad["recovered"][0].erase("certificate");
  CHECK(refused(bad) == "recovered[0].certificate: missing");
  bad = answer;
  bad["recovered"] = json::array();
  for (std::size_t i = 0; i <= kMaxRecoveredKeys; ++i)
    bad["recovered"].push_back(answer["encryption"]);
  CHECK(refused(bad).starts_with("recovered:"));
}
