// Ill-formed input never crashes and always ends in a CertificateError of the right kind.
#include <doctest/doctest.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include <algorithm>
#include <chrono>
#include <string>

#include "certrenew/core/x509/certificate.hpp"
#include "test_pki.hpp"

using namespace certrenew;
using namespace certrenew::x509;
using namespace std::chrono;
namespace tp = certrenew::testing;
using Kind = CertificateError::Kind;

namespace {

Bytes sample_der() {
  static const Bytes der = [] {
    tp::EvpKey key = tp::make_key(tp::KeyKind::ec_p256);
    tp::CertSpec spec;
    spec.subject = {{"CN", "胡某"}};
    spec.not_before = sys_days{2017y / September / 21};
    spec.not_after = sys_days{2019y / September / 21};
    spec.serial = 7;
    spec.key_usage = "digitalSignature";
    spec.san = {"email:a@b.cn"};
    tp::X509Ptr cert = tp::issue_cert(spec, key.get(), nullptr, key.get());
    return tp::cert_der(cert.get());
  }();
  return der;
}

Kind kind_of(ByteView data) {
  try {
    parse_certificate(data);
  } catch (const CertificateError& e) {
    CHECK(std::string(e.what()).size() > 10);  // a sentence, not a code
    return e.kind();
  }
  FAIL("parsed although the input is bad");
  return Kind::bad_field;
}

Kind kind_of(const std::string& text) {
  return kind_of(as_bytes(text));
}

}  // namespace

TEST_CASE("empty and blank input") {
  CHECK(kind_of(ByteView{}) == Kind::empty_input);
  CHECK(kind_of(std::string(" \r\n\t ")) == Kind::empty_input);
  CHECK_THROWS_AS(parse_certificate_bundle(ByteView{}), CertificateError);
}

TEST_CASE("garbage that is neither PEM nor DER") {
  CHECK(kind_of(std::string("hello, this is not a certificate")) == Kind::unknown_format);
  CHECK(kind_of(Bytes{0x00, 0x01, 0x02}) == Kind::unknown_format);
  CHECK(kind_of(Bytes{0x30}) == Kind::malformed_der);
  CHECK(kind_of(Bytes{0x30, 0x03, 0x02, 0x01, 0x01}) == Kind::malformed_der);
  // A header that claims ~2 GiB of content.
  CHECK(kind_of(Bytes{0x30, 0x84, 0x7F, 0xFF, 0xFF, 0xFF, 0x30, 0x00}) == Kind::malformed_der);
}

TEST_CASE("every truncation of a DER certificate is refused") {
  const Bytes der = sample_der();
  for (std::size_t len = 1; len < der.size(); ++len) {
    CAPTURE(len);
    CHECK(kind_of(ByteView(der.data(), len)) == Kind::malformed_der);
  }
}

TEST_CASE("bytes after the certificate are refused") {
  Bytes der = sample_der();
  der.push_back(0x00);
  CHECK(kind_of(der) == Kind::trailing_data);
}

TEST_CASE("corrupting any single byte gives a certificate or a CertificateError, nothing else") {
  const Bytes der = sample_der();
  for (std::size_t i = 0; i < der.size(); ++i) {
    Bytes bad = der;
    bad[i] ^= 0xFF;
    CAPTURE(i);
    try {
      const Certificate c = parse_certificate(bad);
      CHECK(c.der == bad);
    } catch (const CertificateError&) {
    }
  }
  CHECK(ERR_peek_error() == 0);  // nothing left behind in OpenSSL's error queue
}

TEST_CASE("an impossible validity date is reported as a bad field") {
  Bytes der = sample_der();
  // notBefore is the first UTCTime (tag 0x17, 13 bytes): "170921000000Z"; make the month 13.
  const Bytes pattern{0x17, 0x0D, '1', '7', '0', '9'};
  auto at = std::search(der.begin(), der.end(), pattern.begin(), pattern.end());
  REQUIRE(at != der.end());
  at[4] = '1';
  at[5] = '3';
  CHECK(kind_of(der) == Kind::bad_field);
}

TEST_CASE("PEM problems") {
  const Bytes der = sample_der();
  tp::X509Ptr cert;
  {
    const unsigned char* in = der.data();
    cert.reset(d2i_X509(nullptr, &in, static_cast<long>(der.size())));
  }
  const std::string pem = tp::cert_pem(cert.get());

  SUBCASE("a private key instead of a certificate: refused, label named, key not echoed") {
    tp::EvpKey key = tp::make_key(tp::KeyKind::ec_p256);
    BIO* bio = BIO_new(BIO_s_mem());
    REQUIRE(PEM_write_bio_PrivateKey(bio, key.get(), nullptr, nullptr, 0, nullptr, nullptr));
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    const std::string key_pem(data, static_cast<std::size_t>(len));
    BIO_free(bio);
    try {
      parse_certificate(as_bytes(key_pem));
      FAIL("accepted a private key");
    } catch (const CertificateError& e) {
      CHECK(e.kind() == Kind::wrong_pem_label);
      const std::string message = e.what();
      CHECK(message.find("PRIVATE KEY") != std::string::npos);
      CHECK(message.find(key_pem.substr(28, 20)) == std::string::npos);
    }
  }
  SUBCASE("certificate bytes under another label") {
    std::string relabelled = pem;
    relabelled.replace(relabelled.find("CERTIFICATE"), 11, "X509 CRL");
    relabelled.replace(relabelled.rfind("CERTIFICATE"), 11, "X509 CRL");
    CHECK(kind_of(relabelled) == Kind::wrong_pem_label);
  }
  SUBCASE("no END line") {
    CHECK(kind_of(pem.substr(0, pem.find("-----END"))) == Kind::bad_pem);
  }
  SUBCASE("broken base64") {
    std::string broken = pem;
    broken[40] = '*';
    CHECK(kind_of(broken) == Kind::bad_pem);
  }
  SUBCASE("truncated base64 content") {
    const auto body = pem.find('\n') + 1;
    const std::string cut = pem.substr(0, body + 64) + "\n-----END CERTIFICATE-----\n";
    CHECK(kind_of(cut) == Kind::malformed_der);
  }
  SUBCASE("a BEGIN mentioned in prose only") {
    CHECK(kind_of(std::string("see -----BEGIN CERTIFICATE- below")) == Kind::bad_pem);
  }
  SUBCASE("the old X509 CERTIFICATE label is accepted") {
    std::string old = pem;
    old.replace(old.find("CERTIFICATE"), 11, "X509 CERTIFICATE");
    old.replace(old.rfind("CERTIFICATE"), 11, "X509 CERTIFICATE");
    CHECK(parse_certificate(as_bytes(old)).der == der);
  }
}

TEST_CASE("huge input is refused before parsing") {
  Bytes huge(kMaxCertificateInput + 1, 'A');
  CHECK(kind_of(huge) == Kind::too_large);
  Bytes huge_der = sample_der();
  huge_der.resize(8 * 1024 * 1024, 0x00);
  CHECK(kind_of(huge_der) == Kind::too_large);
  std::string huge_pem = "-----BEGIN CERTIFICATE-----\n" + std::string(3 * 1024 * 1024, 'A');
  CHECK(kind_of(huge_pem) == Kind::too_large);
}
