#include <doctest/doctest.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <array>
#include <memory>
#include <utility>

#include "certrenew/core/lookup_table.hpp"
#include "certrenew/core/pki/csr.hpp"
#include "openssl_key_signer.hpp"
#include "pki_fixtures.hpp"

using namespace certrenew;
using namespace certrenew::testing;
using certrenew::pki::PkiErrc;

namespace {

const std::vector<pki::NameAttribute> kSubject = {
    {"C", "CN"}, {"O", "某某科技有限公司"}, {"CN", "张三"}};

constexpr auto kExpectedAlgorithm = std::to_array<std::pair<KeyKind, SignatureAlgorithm>>({
    {KeyKind::rsa2048, SignatureAlgorithm::rsa_pkcs1_sha256},
    {KeyKind::ec_p256, SignatureAlgorithm::ecdsa_p256_sha256},
    {KeyKind::sm2, SignatureAlgorithm::sm2_sm3},
});

}  // namespace

TEST_CASE("a CSR from each kind of signer verifies and carries the subject and the signer's key") {
  for (KeyKind kind : kAllKeyKinds) {
    CAPTURE(kind_name(kind));
    EvpKey key = make_key(kind);
    OpenSslKeySigner signer(key.get());
    const Bytes csr = pki::build_csr(signer, kSubject);
    CHECK(signer.sign_calls() == 1);

    const pki::CsrInfo info = pki::verify_csr(csr);
    CHECK(ERR_peek_error() == 0);  // nothing left behind for the next OpenSSL user
    CHECK(info.spki_der == signer.public_key_spki());
    CHECK(info.algorithm == lookup(kExpectedAlgorithm, kind));
    CHECK(info.subject_text == "CN=张三,O=某某科技有限公司,C=CN");
  }
}

TEST_CASE("a DER subject is copied byte for byte, as a renewal keeps the old subject") {
  Issued ca = make_ca(KeyKind::ec_p256);
  Issued old = issue(ca, KeyKind::ec_p256, holder_spec());
  const Bytes subject = subject_der(old.certificate.get());
  EvpKey new_key = make_key(KeyKind::ec_p256);
  OpenSslKeySigner signer(new_key.get());

  const pki::CsrInfo info = pki::verify_csr(pki::build_csr(signer, subject));
  CHECK(info.subject_der == subject);
}

TEST_CASE("requested subjectAltName entries are in the request's extensions") {
  EvpKey key = make_key(KeyKind::sm2);
  OpenSslKeySigner signer(key.get());
  pki::CsrOptions options;
  options.dns_names = {"www.example.cn"};
  options.email_addresses = {"zhangsan@example.cn"};
  const Bytes csr = pki::build_csr(signer, kSubject, options);
  CHECK_NOTHROW(pki::verify_csr(csr));

  const unsigned char* in = csr.data();
  std::unique_ptr<X509_REQ, decltype(&X509_REQ_free)> request(
      d2i_X509_REQ(nullptr, &in, static_cast<long>(csr.size())), X509_REQ_free);
  REQUIRE(request != nullptr);
  STACK_OF(X509_EXTENSION)* extensions = X509_REQ_get_extensions(request.get());
  REQUIRE(extensions != nullptr);
  auto* names = static_cast<GENERAL_NAMES*>(
      X509V3_get_d2i(extensions, NID_subject_alt_name, nullptr, nullptr));
  sk_X509_EXTENSION_pop_free(extensions, X509_EXTENSION_free);
  REQUIRE(names != nullptr);
  REQUIRE(sk_GENERAL_NAME_num(names) == 2);
  int type = 0;
  auto* dns =
      static_cast<ASN1_IA5STRING*>(GENERAL_NAME_get0_value(sk_GENERAL_NAME_value(names, 0), &type));
  CHECK(type == GEN_DNS);
  CHECK(std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(dns)),
                    static_cast<std::size_t>(ASN1_STRING_length(dns))) == "www.example.cn");
  GENERAL_NAME_get0_value(sk_GENERAL_NAME_value(names, 1), &type);
  CHECK(type == GEN_EMAIL);
  GENERAL_NAMES_free(names);
}

TEST_CASE("bad subjects are refused before the signer is asked to sign") {
  EvpKey key = make_key(KeyKind::ec_p256);
  OpenSslKeySigner signer(key.get());
  Issued ca = make_ca(KeyKind::ec_p256);
  Bytes with_trailing_byte = subject_der(ca.certificate.get());
  with_trailing_byte.push_back(0x00);
  const Bytes not_der = {0x30, 0x82, 0xff};

  CHECK(pki_error_of([&] { pki::build_csr(signer, ByteView(not_der)); }) ==
        PkiErrc::invalid_argument);
  CHECK(pki_error_of([&] { pki::build_csr(signer, ByteView(with_trailing_byte)); }) ==
        PkiErrc::invalid_argument);
  CHECK(pki_error_of([&] { pki::build_csr(signer, std::vector<pki::NameAttribute>{}); }) ==
        PkiErrc::invalid_argument);
  CHECK(pki_error_of([&] {
          pki::build_csr(signer, std::vector<pki::NameAttribute>{{"notAnAttribute", "x"}});
        }) == PkiErrc::invalid_argument);
  CHECK(pki_error_of([&] {
          pki::build_csr(signer, std::vector<pki::NameAttribute>{{"C", "中国"}});
        }) == PkiErrc::invalid_argument);
  CHECK(pki_error_of([&] {
          pki::build_csr(signer, std::vector<pki::NameAttribute>{{"CN", ""}});
        }) == PkiErrc::invalid_argument);
  pki::CsrOptions bad_alt_name;
  bad_alt_name.dns_names = {"例子.cn"};
  CHECK(pki_error_of([&] { pki::build_csr(signer, kSubject, bad_alt_name); }) ==
        PkiErrc::invalid_argument);
  CHECK(signer.sign_calls() == 0);
}

TEST_CASE("a signer whose key does not fit its algorithm is refused before signing") {
  EvpKey key = make_key(KeyKind::rsa2048);
  OpenSslKeySigner signer(key.get());
  signer.claim_algorithm(SignatureAlgorithm::sm2_sm3);
  CHECK(pki_error_of([&] { pki::build_csr(signer, kSubject); }) == PkiErrc::key_mismatch);
  CHECK(signer.sign_calls() == 0);
}

TEST_CASE("a signer that returns something other than a signature is reported") {
  EvpKey ec_key = make_key(KeyKind::ec_p256);
  OpenSslKeySigner ec_signer(ec_key.get());
  ec_signer.set_fault(OpenSslKeySigner::Fault::raw_ecdsa);
  CHECK(pki_error_of([&] { pki::build_csr(ec_signer, kSubject); }) == PkiErrc::signer_failed);

  EvpKey rsa_key = make_key(KeyKind::rsa2048);
  OpenSslKeySigner rsa_signer(rsa_key.get());
  rsa_signer.set_fault(OpenSslKeySigner::Fault::empty_signature);
  CHECK(pki_error_of([&] { pki::build_csr(rsa_signer, kSubject); }) == PkiErrc::signer_failed);
}

TEST_CASE("the signer's own exception reaches the caller unchanged") {
  EvpKey key = make_key(KeyKind::sm2);
  OpenSslKeySigner signer(key.get());
  signer.set_fault(OpenSslKeySigner::Fault::throw_error);
  CHECK_THROWS_AS(pki::build_csr(signer, kSubject), OpenSslKeySigner::TokenGone);
}

TEST_CASE("verify_csr finds a signature that does not verify") {
  for (KeyKind kind : kAllKeyKinds) {
    CAPTURE(kind_name(kind));
    EvpKey key = make_key(kind);
    OpenSslKeySigner signer(key.get());
    signer.set_fault(OpenSslKeySigner::Fault::flip_signature_bit);
    const Bytes csr = pki::build_csr(signer, kSubject);
    CHECK(pki_error_of([&] { pki::verify_csr(csr); }) == PkiErrc::bad_signature);
  }
}

TEST_CASE("an SM2 request is signed with the GM/T 0009 ID, not OpenSSL's empty default") {
  EvpKey key = make_key(KeyKind::sm2);
  OpenSslKeySigner signer(key.get());
  const Bytes csr = pki::build_csr(signer, kSubject);
  CHECK_NOTHROW(pki::verify_csr(csr));
  pki::CsrVerifyOptions empty_id;
  empty_id.sm2_signer_id = "";
  CHECK(pki_error_of([&] { pki::verify_csr(csr, empty_id); }) == PkiErrc::bad_signature);
}

TEST_CASE("verify_csr refuses what is not a whole PKCS#10 request") {
  EvpKey key = make_key(KeyKind::ec_p256);
  OpenSslKeySigner signer(key.get());
  const Bytes csr = pki::build_csr(signer, kSubject);
  Bytes truncated(csr.begin(), csr.end() - 1);
  Bytes trailing = csr;
  trailing.push_back(0x00);
  Issued ca = make_ca(KeyKind::ec_p256);

  CHECK(pki_error_of([&] { pki::verify_csr(Bytes{}); }) == PkiErrc::malformed);
  CHECK(pki_error_of([&] { pki::verify_csr(truncated); }) == PkiErrc::malformed);
  CHECK(pki_error_of([&] { pki::verify_csr(trailing); }) == PkiErrc::malformed);
  CHECK(pki_error_of([&] { pki::verify_csr(ca.der); }) == PkiErrc::malformed);
}
