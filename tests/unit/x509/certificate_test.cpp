// The certificate model: every field a viewer shows, read from certificates made at test time.
#include "certrenew/core/x509/certificate.hpp"

#include <doctest/doctest.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <algorithm>
#include <chrono>

#include "certrenew/core/x509/time_format.hpp"
#include "test_pki.hpp"

using namespace certrenew;
using namespace certrenew::x509;
using namespace std::chrono;
namespace tp = certrenew::testing;

namespace {

const sys_seconds kStart = sys_days{2017y / September / 21} + 8h;
const sys_seconds kEnd = sys_days{2019y / September / 20} + 23h + 59min + 59s;

tp::CertSpec leaf_spec() {
  tp::CertSpec spec;
  spec.subject = {{"C", "CN"}, {"O", "北京某某科技有限公司"}, {"CN", "胡某"}};
  spec.not_before = kStart;
  spec.not_after = kEnd;
  spec.serial = 0xABCDEF;
  spec.key_usage = "digitalSignature,nonRepudiation";
  spec.extended_key_usage = "clientAuth,emailProtection,1.2.3.4.5";
  spec.san = {"email:hu@example.cn", "DNS:x.example.cn", "IP:192.0.2.1", "URI:https://x.cn/a"};
  return spec;
}

tp::CertSpec ca_spec() {
  tp::CertSpec spec;
  spec.subject = {{"C", "CN"}, {"O", "某某数字认证股份有限公司"}, {"CN", "Test CA"}};
  spec.not_before = kStart - 24h * 365;
  spec.not_after = kEnd + 24h * 3650;
  spec.is_ca = true;
  return spec;
}

Bytes der_of(const X509* cert) {
  return tp::cert_der(cert);
}

Bytes sha256(const Bytes& data) {
  Bytes out(EVP_MAX_MD_SIZE);
  unsigned int len = 0;
  REQUIRE(EVP_Digest(data.data(), data.size(), out.data(), &len, EVP_sha256(), nullptr) == 1);
  out.resize(len);
  return out;
}

struct Pair {
  tp::EvpKey ca_key, leaf_key;
  tp::X509Ptr ca, leaf;
};

Pair make_pair(tp::KeyKind kind) {
  Pair p;
  p.ca_key = tp::make_key(kind);
  p.ca = tp::issue_cert(ca_spec(), p.ca_key.get(), nullptr, p.ca_key.get());
  p.leaf_key = tp::make_key(kind);
  p.leaf = tp::issue_cert(leaf_spec(), p.leaf_key.get(), p.ca.get(), p.ca_key.get());
  return p;
}

}  // namespace

TEST_CASE("a leaf certificate is read field by field") {
  Pair p = make_pair(tp::KeyKind::ec_p256);
  const Bytes der = der_of(p.leaf.get());
  const Certificate c = parse_certificate(der);

  CHECK(c.der == der);
  CHECK(c.version == 3);
  CHECK(c.serial_hex == "ABCDEF");
  REQUIRE(c.subject.attributes.size() == 3);
  CHECK(c.subject.attributes[0] == NameAttribute{"C", "2.5.4.6", "CN", 0});
  CHECK(c.subject.attributes[1] == NameAttribute{"O", "2.5.4.10", "北京某某科技有限公司", 1});
  CHECK(c.subject.attributes[2] == NameAttribute{"CN", "2.5.4.3", "胡某", 2});
  CHECK(c.subject.display() == "CN=胡某, O=北京某某科技有限公司, C=CN");
  CHECK(c.subject.first("CN") == "胡某");
  CHECK(c.subject.first("OU").empty());
  CHECK(c.issuer.display() == "CN=Test CA, O=某某数字认证股份有限公司, C=CN");
  CHECK_FALSE(c.self_issued());

  CHECK(c.not_before == kStart);
  CHECK(c.not_after == kEnd);
  CHECK(format_utc(c.not_before) == "2017-09-21 08:00:00 UTC");
  CHECK(format_utc(c.not_after) == "2019-09-20 23:59:59 UTC");

  CHECK(c.public_key.type == KeyType::ec_p256);
  CHECK(c.public_key.bits == 256);
  CHECK(c.public_key.display == "EC P-256");
  CHECK(c.public_key.algorithm_oid == "1.2.840.10045.2.1");
  CHECK(c.public_key.spki_der == tp::spki_der(p.leaf_key.get()));
  CHECK(c.signature_algorithm == "ecdsa-with-SHA256");
  CHECK(c.signature_algorithm_oid == "1.2.840.10045.4.3.2");

  CHECK(c.key_usage == std::vector<std::string>{"digitalSignature", "nonRepudiation"});
  CHECK(c.extended_key_usage ==
        std::vector<std::string>{"clientAuth", "emailProtection", "1.2.3.4.5"});
  using K = SubjectAltName::Kind;
  CHECK(c.subject_alt_names == std::vector<SubjectAltName>{{K::email, "hu@example.cn"},
                                                           {K::dns, "x.example.cn"},
                                                           {K::ip, "192.0.2.1"},
                                                           {K::uri, "https://x.cn/a"}});
  CHECK_FALSE(c.is_ca);
  CHECK_FALSE(c.path_length.has_value());
  CHECK(c.extensions_well_formed);

  CHECK(c.sha256_fingerprint == sha256(der));
  CHECK(c.sm3_fingerprint.size() == 32);
  CHECK(c.sm3_fingerprint != c.sha256_fingerprint);
  CHECK(c.subject_key_id.size() == 20);
  const Certificate ca = parse_certificate(der_of(p.ca.get()));
  CHECK(c.authority_key_id == ca.subject_key_id);
}

TEST_CASE("a CA certificate is self-issued and marked as a CA") {
  Pair p = make_pair(tp::KeyKind::rsa2048);
  const Certificate ca = parse_certificate(der_of(p.ca.get()));
  CHECK(ca.is_ca);
  CHECK(ca.self_issued());
  CHECK(ca.key_usage == std::vector<std::string>{"keyCertSign", "cRLSign"});
  CHECK(ca.public_key.type == KeyType::rsa);
  CHECK(ca.public_key.bits == 2048);
  CHECK(ca.public_key.display == "RSA 2048");
  CHECK(ca.signature_algorithm == "sha256WithRSAEncryption");
  CHECK(ca.authority_key_id == ca.subject_key_id);
  CHECK(ca.subject_alt_names.empty());
  CHECK(ca.extended_key_usage.empty());
}

TEST_CASE("SM2 certificates are recognised by their curve") {
  Pair p = make_pair(tp::KeyKind::sm2);
  const Certificate c = parse_certificate(der_of(p.leaf.get()));
  CHECK(c.public_key.type == KeyType::sm2);
  CHECK(c.public_key.display == "SM2");
  CHECK(c.public_key.bits == 256);
  CHECK(c.signature_algorithm_oid == "1.2.156.10197.1.501");
  CHECK(c.signature_algorithm == "SM2-with-SM3");
  CHECK(c.subject.first("CN") == "胡某");
}

TEST_CASE("PEM and DER give the same certificate, with or without text around the PEM") {
  Pair p = make_pair(tp::KeyKind::ec_p256);
  const Bytes der = der_of(p.leaf.get());
  const std::string pem = tp::cert_pem(p.leaf.get());
  CHECK(parse_certificate(as_bytes(pem)).der == der);
  const std::string with_text = "Certificate:\n    Data: (as openssl x509 -text prints)\n" + pem;
  CHECK(parse_certificate(as_bytes(with_text)).der == der);
  CHECK(parse_certificate(as_bytes("\r\n  " + pem + "\n\n")).der == der);
}

TEST_CASE("a PEM bundle yields each certificate and skips other blocks") {
  Pair p = make_pair(tp::KeyKind::ec_p256);
  const std::string bundle =
      "-----BEGIN PUBLIC KEY-----\n"
      "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n"
      "-----END PUBLIC KEY-----\n" +
      tp::cert_pem(p.leaf.get()) + tp::cert_pem(p.ca.get());
  const auto all = parse_certificate_bundle(as_bytes(bundle));
  REQUIRE(all.size() == 2);
  CHECK(all[0].der == der_of(p.leaf.get()));
  CHECK(all[1].der == der_of(p.ca.get()));
  CHECK(parse_certificate(as_bytes(bundle)).der == der_of(p.leaf.get()));
  CHECK(parse_certificate_bundle(der_of(p.ca.get())).size() == 1);
}

TEST_CASE("names in BMPString, T61String and multi-valued RDNs come out as UTF-8") {
  tp::EvpKey key = tp::make_key(tp::KeyKind::ec_p256);
  tp::CertSpec spec = leaf_spec();
  tp::X509Ptr cert = tp::issue_cert(spec, key.get(), nullptr, key.get());

  X509_NAME* name = X509_NAME_new();
  REQUIRE(name != nullptr);
  const unsigned char bmp[] = {0x80, 0xE1, 0x67, 0xD0};         // "胡某" in UCS-2 big-endian
  const unsigned char t61[] = {'M', 0xFC, 'l', 'l', 'e', 'r'};  // "Müller" (Latin-1)
  REQUIRE(X509_NAME_add_entry_by_txt(name, "CN", V_ASN1_BMPSTRING, bmp, sizeof bmp, -1, 0));
  REQUIRE(X509_NAME_add_entry_by_txt(name, "O", V_ASN1_T61STRING, t61, sizeof t61, -1, 0));
  const unsigned char ou[] = "Dept, \"A\"";
  REQUIRE(X509_NAME_add_entry_by_txt(name, "OU", MBSTRING_UTF8, ou, -1, -1, 0));
  const unsigned char uid[] = "u1";
  REQUIRE(X509_NAME_add_entry_by_txt(name, "UID", MBSTRING_UTF8, uid, -1, -1, -1));  // same RDN
  REQUIRE(X509_set_subject_name(cert.get(), name) == 1);
  X509_NAME_free(name);
  REQUIRE(X509_sign(cert.get(), key.get(), EVP_sha256()) > 0);

  const Certificate c = parse_certificate(der_of(cert.get()));
  REQUIRE(c.subject.attributes.size() == 4);
  CHECK(c.subject.attributes[0].value == "胡某");
  CHECK(c.subject.attributes[1].value == "Müller");
  CHECK(c.subject.attributes[2].rdn == c.subject.attributes[3].rdn);
  CHECK(c.subject.display() == "OU=Dept\\, \\\"A\\\"+UID=u1, O=Müller, CN=胡某");
}

TEST_CASE("a BMPString with a lone surrogate gives hex or a CertificateError, never a crash") {
  tp::EvpKey key = tp::make_key(tp::KeyKind::ec_p256);
  tp::X509Ptr cert = tp::issue_cert(leaf_spec(), key.get(), nullptr, key.get());
  const unsigned char bmp[] = {0x80, 0xE1, 0x67, 0xD0};  // "胡某"
  X509_NAME* name = X509_NAME_new();
  REQUIRE(X509_NAME_add_entry_by_txt(name, "CN", V_ASN1_BMPSTRING, bmp, sizeof bmp, -1, 0) == 1);
  REQUIRE(X509_set_subject_name(cert.get(), name) == 1);
  X509_NAME_free(name);
  REQUIRE(X509_sign(cert.get(), key.get(), EVP_sha256()) > 0);
  // OpenSSL will not build such a name, so patch the encoded bytes (same length).
  Bytes der = der_of(cert.get());
  const Bytes good{0x1E, 0x04, 0x80, 0xE1, 0x67, 0xD0};
  auto at = std::search(der.begin(), der.end(), good.begin(), good.end());
  REQUIRE(at != der.end());
  at[2] = 0xD8;
  at[3] = 0x00;
  at[4] = 0x00;
  at[5] = 0x41;
  try {
    const Certificate c = parse_certificate(der);
    CHECK(c.subject.first("CN") == "#d8000041");
  } catch (const CertificateError& e) {
    CHECK(e.kind() == CertificateError::Kind::malformed_der);
  }
}

TEST_CASE("notAfter of 9999-12-31 (no well-defined expiry) is represented exactly") {
  tp::EvpKey key = tp::make_key(tp::KeyKind::ec_p256);
  tp::X509Ptr cert = tp::issue_cert(leaf_spec(), key.get(), nullptr, key.get());
  REQUIRE(ASN1_TIME_set_string(X509_getm_notAfter(cert.get()), "99991231235959Z") == 1);
  REQUIRE(X509_sign(cert.get(), key.get(), EVP_sha256()) > 0);
  const Certificate c = parse_certificate(der_of(cert.get()));
  CHECK(c.not_after == sys_days{9999y / December / 31} + 23h + 59min + 59s);
  CHECK(format_utc(c.not_after) == "9999-12-31 23:59:59 UTC");
  CHECK(c.days_left(sys_days{2020y / January / 1}) > 2'900'000);
}

TEST_CASE("days_left counts whole days and goes negative once expired") {
  Certificate c;
  c.not_after = sys_days{2020y / March / 1};
  const auto end = c.not_after;
  CHECK(c.days_left(end - 24h * 10) == 10);
  CHECK(c.days_left(end - 24h * 10 + 1s) == 9);
  CHECK(c.days_left(end - 1s) == 0);
  CHECK(c.days_left(end) == 0);
  CHECK(c.days_left(end + 1s) == -1);
  CHECK(c.days_left(end + 24h + 1s) == -2);
  // Sub-second parts of "now" are dropped, never rounded up.
  CHECK(c.days_left(system_clock::time_point(end) - 24h + 500ms) == 1);
}

TEST_CASE("fingerprints are shown as colon-separated hex pairs") {
  CHECK(format_fingerprint(Bytes{0x01, 0xAB, 0xff}) == "01:AB:FF");
  CHECK(format_fingerprint(Bytes{}).empty());
}
