#include <doctest/doctest.h>

#include <openssl/core_names.h>
#include <openssl/pem.h>
#include <openssl/sha.h>

#include <filesystem>

#include "ca/authority.hpp"
#include "test_pki.hpp"  // TempDir

using namespace certrenew::server;
using namespace std::chrono;
namespace fs = std::filesystem;
using certrenew::testing::TempDir;

namespace {

Clock::time_point utc(int y, unsigned m, unsigned d, int h = 0) {
  return sys_days(year{y} / month{m} / day{d}) + hours{h};
}

// An end-entity certificate issued by `ca`, the way the CA issued the customer's current one.
X509Ptr customer_cert(const CertificateAuthority& ca, EVP_PKEY* key, Clock::time_point not_after) {
  X509Ptr cert(X509_new());
  X509_set_version(cert.get(), X509_VERSION_3);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 4242);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>("广州某某有限公司"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>("胡"), -1, -1, 0);
  X509_set_issuer_name(cert.get(), X509_get_subject_name(ca.certificate()));
  ASN1_TIME_set(X509_getm_notBefore(cert.get()), system_clock::to_time_t(not_after - days(365)));
  ASN1_TIME_set(X509_getm_notAfter(cert.get()), system_clock::to_time_t(not_after));
  X509_set_pubkey(cert.get(), key);
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, ca.certificate(), cert.get(), nullptr, nullptr, 0);
  for (auto [nid, value] : {std::pair{NID_key_usage, "critical,digitalSignature,nonRepudiation"},
                            std::pair{NID_ext_key_usage, "clientAuth,emailProtection"},
                            std::pair{NID_subject_alt_name, "email:hu@example.cn"}}) {
    X509ExtPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
    X509_add_ext(cert.get(), ext.get(), -1);
  }
  sign_with(ca.key(), cert.get());
  return cert;
}

std::vector<std::uint8_t> csr_for(EVP_PKEY* key) {
  X509ReqPtr req(X509_REQ_new());
  X509_REQ_set_pubkey(req.get(), key);
  X509_REQ_sign(req.get(), key, EVP_PKEY_is_a(key, "SM2") ? EVP_sm3() : EVP_sha256());
  int len = i2d_X509_REQ(req.get(), nullptr);
  std::vector<std::uint8_t> der(static_cast<std::size_t>(len));
  unsigned char* p = der.data();
  i2d_X509_REQ(req.get(), &p);
  return der;
}

// A P-256 CA named "CA", its files in `tmp`.
CertificateAuthority p256_ca(const TempDir& tmp) {
  return CertificateAuthority::create(CaKeyType::ec_p256, "CA", "O", tmp.path() / "ca.crt",
                                      tmp.path() / "ca.key");
}

bool signed_by(X509* cert, const CertificateAuthority& ca) {
  if (EVP_PKEY_is_a(ca.key(), "SM2")) {
    static const char id[] = "1234567812345678";
    ASN1_OCTET_STRING* v = ASN1_OCTET_STRING_new();
    ASN1_OCTET_STRING_set(v, reinterpret_cast<const unsigned char*>(id), sizeof id - 1);
    X509_set0_distinguishing_id(cert, v);
  }
  return X509_verify(cert, X509_get0_pubkey(ca.certificate())) == 1;
}

}  // namespace

TEST_CASE("calendar months: same time of day, clamped to the month's end") {
  CHECK(add_months(utc(2026, 1, 15, 8), 24) == utc(2028, 1, 15, 8));
  CHECK(add_months(utc(2026, 3, 31), 1) == utc(2026, 4, 30));
  CHECK(add_months(utc(2028, 2, 29), 12) == utc(2029, 2, 28));
  CHECK(add_months(utc(2026, 12, 1), 1) == utc(2027, 1, 1));
}

TEST_CASE("renewing early loses no days; renewing late starts from now") {
  auto now = utc(2026, 11, 24);
  auto v = renewal_validity(utc(2026, 12, 14), now, 24);
  CHECK(v.not_before == now);
  CHECK(v.not_after == utc(2028, 12, 14));
  auto late = renewal_validity(utc(2026, 11, 1), now, 12);
  CHECK(late.not_after == utc(2027, 11, 24));
}

TEST_CASE("a certificate valid until 9999 renews to the last time X.509 can express") {
  // sys_seconds: 9999 does not fit system_clock's nanoseconds (the overflow issue 15's fuzzing
  // found).
  const sys_seconds last{seconds{253402300799}};  // 9999-12-31T23:59:59Z
  const sys_seconds old_end = sys_days(year{9999} / month{6} / day{30});
  auto v = renewal_validity(old_end, utc(2026, 11, 24), 24);
  CHECK(v.not_after == last);
  CHECK(v.not_before == sys_seconds(floor<seconds>(utc(2026, 11, 24))));
  CHECK(renewal_validity(last, utc(2026, 11, 24), 12).not_after == last);
  CHECK(renewal_validity(old_end, utc(2026, 11, 24), 2'000'000'000).not_after == last);
  // Whole-second arithmetic far from the epoch keeps calendar rules.
  CHECK(add_months(sys_seconds(sys_days(year{9998} / month{1} / day{31})), 1) ==
        sys_seconds(sys_days(year{9998} / month{2} / day{28})));
}

TEST_CASE("a renewed certificate keeps subject and profile, has the new key and a fresh serial") {
  for (CaKeyType type : {CaKeyType::ec_p256, CaKeyType::sm2, CaKeyType::rsa3072}) {
    CAPTURE(static_cast<int>(type));
    TempDir tmp;
    auto ca = CertificateAuthority::create(type, "CertRenew Test CA", "测试", tmp.path() / "ca.crt",
                                           tmp.path() / "ca.key");
    CHECK((fs::status(tmp.path() / "ca.key").permissions() & fs::perms::group_read) ==
          fs::perms::none);
    auto old_key = generate_key(type == CaKeyType::sm2 ? CaKeyType::sm2 : CaKeyType::ec_p256);
    auto new_key = generate_key(type == CaKeyType::sm2 ? CaKeyType::sm2 : CaKeyType::ec_p256);
    auto old_not_after = utc(2026, 12, 14);
    X509Ptr old = customer_cert(ca, old_key.get(), old_not_after);
    auto now = utc(2026, 11, 24, 3);
    auto der = ca.renew(der_of(old.get()), csr_for(new_key.get()), 24, now);
    X509Ptr renewed = parse_certificate_der(der);

    CHECK(X509_NAME_cmp(X509_get_subject_name(renewed.get()), X509_get_subject_name(old.get())) ==
          0);
    CHECK(EVP_PKEY_eq(X509_get0_pubkey(renewed.get()), new_key.get()) == 1);
    CHECK(ASN1_INTEGER_cmp(X509_get0_serialNumber(renewed.get()),
                           X509_get0_serialNumber(old.get())) != 0);
    CHECK(X509_get0_serialNumber(renewed.get())->length >= 15);
    int day = 0, sec = 0;
    ASN1_TIME_diff(&day, &sec, X509_get0_notAfter(old.get()), X509_get0_notAfter(renewed.get()));
    CHECK(day == 731);  // 14 Dec 2026 + 24 months = 14 Dec 2028
    CHECK(sec == 0);
    CHECK(X509_get_key_usage(renewed.get()) == X509_get_key_usage(old.get()));
    CHECK(X509_get_extended_key_usage(renewed.get()) == X509_get_extended_key_usage(old.get()));
    CHECK(X509_get_ext_by_NID(renewed.get(), NID_subject_alt_name, -1) >= 0);
    CHECK(X509_check_issued(ca.certificate(), renewed.get()) == X509_V_OK);
    CHECK(signed_by(renewed.get(), ca));
  }
}

// The renewed certificate's SubjectPublicKeyInfo as the CA writes it (ca/authority.cpp puts the
// encoding in without decoding it again): named curve and uncompressed point, or rsaEncryption,
// whatever encoding the request used; the key identifier is the hash of exactly those bits.
TEST_CASE("a renewed certificate carries the request's key in its canonical encoding") {
  TempDir tmp;
  auto ca = p256_ca(tmp);
  auto old_key = generate_key(CaKeyType::ec_p256);
  X509Ptr old = customer_cert(ca, old_key.get(), utc(2026, 12, 14));
  auto spki_of = [](EVP_PKEY* key) {
    std::vector<std::uint8_t> der(static_cast<std::size_t>(i2d_PUBKEY(key, nullptr)));
    unsigned char* p = der.data();
    i2d_PUBKEY(key, &p);
    return der;
  };
  auto renewed_spki = [&](X509* renewed) {
    X509_PUBKEY* info = X509_get_X509_PUBKEY(renewed);
    std::vector<std::uint8_t> der(static_cast<std::size_t>(i2d_X509_PUBKEY(info, nullptr)));
    unsigned char* p = der.data();
    i2d_X509_PUBKEY(info, &p);
    return der;
  };
  // The canonical encoding is written from the key's numbers (ca/key_identity.cpp), not by
  // OpenSSL's encoder: it must be byte for byte what the encoder writes for a fresh key.
  for (CaKeyType type : {CaKeyType::ec_p256, CaKeyType::rsa3072, CaKeyType::sm2}) {
    CAPTURE(static_cast<int>(type));
    auto new_key = generate_key(type);
    const std::vector<std::uint8_t> canonical = spki_of(new_key.get());
    if (type != CaKeyType::rsa3072)  // the request carries the point compressed
      REQUIRE(EVP_PKEY_set_utf8_string_param(
                  new_key.get(), OSSL_PKEY_PARAM_EC_POINT_CONVERSION_FORMAT, "compressed") == 1);
    const auto csr = csr_for(new_key.get());
    auto der = ca.renew(der_of(old.get()), csr, 12, utc(2026, 11, 24));
    X509Ptr renewed = parse_certificate_der(der);
    CHECK(renewed_spki(renewed.get()) == canonical);
    CHECK(EVP_PKEY_eq(X509_get0_pubkey(renewed.get()), new_key.get()) == 1);
    unsigned char hash[SHA_DIGEST_LENGTH];
    unsigned int length = 0;
    REQUIRE(X509_pubkey_digest(renewed.get(), EVP_sha1(), hash, &length) == 1);
    const ASN1_OCTET_STRING* key_id = X509_get0_subject_key_id(renewed.get());
    REQUIRE(key_id != nullptr);
    CHECK(std::vector<std::uint8_t>(hash, hash + length) ==
          std::vector<std::uint8_t>(ASN1_STRING_get0_data(key_id),
                                    ASN1_STRING_get0_data(key_id) + ASN1_STRING_length(key_id)));
    CHECK(signed_by(renewed.get(), ca));
  }
}

TEST_CASE("the CA reloads from its files and refuses to be overwritten or mismatched") {
  TempDir tmp;
  auto ca = p256_ca(tmp);
  auto again = CertificateAuthority::load(tmp.path() / "ca.crt", tmp.path() / "ca.key");
  CHECK(again.certificate_der() == ca.certificate_der());
  CHECK_THROWS_AS(CertificateAuthority::create(CaKeyType::ec_p256, "CA", "O", tmp.path() / "ca.crt",
                                               tmp.path() / "ca.key"),
                  IssuanceError);
  auto other = CertificateAuthority::create(CaKeyType::ec_p256, "CA2", "O", tmp.path() / "b.crt",
                                            tmp.path() / "b.key");
  CHECK_THROWS_WITH_AS(CertificateAuthority::load(tmp.path() / "ca.crt", tmp.path() / "b.key"),
                       doctest::Contains("does not belong"), IssuanceError);
  CHECK_THROWS_AS(CertificateAuthority::load(tmp.path() / "nothing.crt", tmp.path() / "ca.key"),
                  IssuanceError);
}

TEST_CASE("bad requests to the CA are refused with a reason") {
  TempDir tmp;
  auto ca = p256_ca(tmp);
  auto key = generate_key(CaKeyType::ec_p256);
  X509Ptr old = customer_cert(ca, key.get(), utc(2027, 1, 1));
  auto old_der = der_of(old.get());
  CHECK_THROWS_AS(ca.renew(old_der, {0x30, 0x00}, 12, utc(2026, 11, 24)), IssuanceError);
  CHECK_THROWS_AS(ca.renew({1, 2, 3}, csr_for(key.get()), 12, utc(2026, 11, 24)), IssuanceError);
  CHECK_THROWS_AS(ca.renew(old_der, csr_for(key.get()), 0, utc(2026, 11, 24)), IssuanceError);
  CHECK_THROWS_AS(ca.renew(ca.certificate_der(), csr_for(key.get()), 12, utc(2026, 11, 24)),
                  IssuanceError);  // a CA certificate is not renewed this way
}

TEST_CASE("a TLS server certificate names the host and is for serverAuth") {
  TempDir tmp;
  auto ca = p256_ca(tmp);
  auto key = generate_key(CaKeyType::ec_p256);
  auto der = ca.issue_tls_server(key.get(), {"localhost"}, {"127.0.0.1"}, Clock::now());
  X509Ptr cert = parse_certificate_der(der);
  CHECK(X509_check_host(cert.get(), "localhost", 0, 0, nullptr) == 1);
  CHECK(X509_check_ip_asc(cert.get(), "127.0.0.1", 0) == 1);
  CHECK(X509_check_host(cert.get(), "example.com", 0, 0, nullptr) == 0);
  CHECK((X509_get_extended_key_usage(cert.get()) & XKU_SSL_SERVER) != 0);
  CHECK(signed_by(cert.get(), ca));
  CHECK_THROWS_AS(ca.issue_tls_server(key.get(), {}, {}, Clock::now()), IssuanceError);
}
