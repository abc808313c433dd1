// Checks the test-only PKI helpers that other tests build their fixtures with.
#include <doctest/doctest.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "test_pki.hpp"

using namespace certrenew::testing;
using namespace std::chrono_literals;

namespace {

CertSpec spec_named(const std::string& cn, bool ca) {
  CertSpec spec;
  spec.subject = {{"C", "CN"}, {"O", "某某有限公司"}, {"CN", cn}};
  spec.not_before = std::chrono::system_clock::now() - 24h;
  spec.not_after = std::chrono::system_clock::now() + 24h * 365;
  spec.is_ca = ca;
  if (!ca) {
    spec.key_usage = "digitalSignature,nonRepudiation";
    spec.extended_key_usage = "clientAuth,emailProtection";
    spec.san = {"email:a@b.cn", "DNS:x.cn"};
  }
  return spec;
}

}  // namespace

TEST_CASE("issue_cert makes a CA and a leaf that verify, for every key kind") {
  for (KeyKind kind : {KeyKind::rsa2048, KeyKind::ec_p256, KeyKind::sm2}) {
    CAPTURE(static_cast<int>(kind));
    EvpKey ca_key = make_key(kind);
    X509Ptr ca = issue_cert(spec_named("Test Root", true), ca_key.get(), nullptr, ca_key.get());
    REQUIRE(ca != nullptr);
    CHECK(X509_verify(ca.get(), ca_key.get()) == 1);
    CHECK(X509_check_ca(ca.get()) >= 1);

    EvpKey leaf_key = make_key(kind);
    X509Ptr leaf = issue_cert(spec_named("胡某", false), leaf_key.get(), ca.get(), ca_key.get());
    CHECK(X509_verify(leaf.get(), ca_key.get()) == 1);
    CHECK(X509_check_issued(ca.get(), leaf.get()) == X509_V_OK);
    CHECK(X509_check_ca(leaf.get()) == 0);
    CHECK(X509_get_ext_by_NID(leaf.get(), NID_subject_alt_name, -1) >= 0);

    CHECK(cert_der(leaf.get()).size() > 100);
    CHECK(cert_pem(leaf.get()).rfind("-----BEGIN CERTIFICATE-----", 0) == 0);
    CHECK(spki_der(leaf_key.get()).size() > 50);
  }
}

TEST_CASE("an explicit serial is kept") {
  EvpKey key = make_key(KeyKind::ec_p256);
  CertSpec spec = spec_named("serial", false);
  spec.serial = 0x1234;
  X509Ptr cert = issue_cert(spec, key.get(), nullptr, key.get());
  std::uint64_t serial = 0;
  REQUIRE(ASN1_INTEGER_get_uint64(&serial, X509_get0_serialNumber(cert.get())) == 1);
  CHECK(serial == 0x1234);
}

TEST_CASE("a bad extension value is reported, not ignored") {
  EvpKey key = make_key(KeyKind::ec_p256);
  CertSpec spec = spec_named("bad", false);
  spec.key_usage = "noSuchUsage";
  CHECK_THROWS_AS(issue_cert(spec, key.get(), nullptr, key.get()), std::runtime_error);
}

TEST_CASE("TempDir is created empty and removed with its contents") {
  std::filesystem::path kept;
  {
    TempDir dir;
    kept = dir.path();
    REQUIRE(std::filesystem::is_directory(kept));
    CHECK(std::filesystem::is_empty(kept));
    std::filesystem::create_directory(kept / "sub");
    std::ofstream(kept / "sub" / "file.txt") << "x";
  }
  CHECK_FALSE(std::filesystem::exists(kept));
}

TEST_CASE("SM2 certificates are signed with SM3 and the GM/T 0009 signer ID") {
  EvpKey key = make_key(KeyKind::sm2);
  X509Ptr cert = issue_cert(spec_named("sm2", true), key.get(), nullptr, key.get());
  CHECK(X509_get_signature_nid(cert.get()) == NID_SM2_with_SM3);

  // Re-parsed from DER the certificate has no signer ID: OpenSSL's empty default must fail, and
  // 1234567812345678 must succeed, which shows which ID the signature was made with.
  const auto der = cert_der(cert.get());
  const unsigned char* in = der.data();
  X509Ptr parsed(d2i_X509(nullptr, &in, static_cast<long>(der.size())));
  REQUIRE(parsed != nullptr);
  CHECK(X509_verify(parsed.get(), key.get()) != 1);
  ERR_clear_error();
  ASN1_OCTET_STRING* id = ASN1_OCTET_STRING_new();
  REQUIRE(ASN1_OCTET_STRING_set(id, reinterpret_cast<const unsigned char*>("1234567812345678"),
                                16) == 1);
  X509_set0_distinguishing_id(parsed.get(), id);
  CHECK(X509_verify(parsed.get(), key.get()) == 1);
}
