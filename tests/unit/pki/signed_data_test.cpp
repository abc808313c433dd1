#include <doctest/doctest.h>
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>

#include <algorithm>
#include <memory>
#include <span>

#include "certrenew/core/pki/signed_data.hpp"
#include "openssl_key_signer.hpp"
#include "pki_fixtures.hpp"

using namespace certrenew;
using namespace certrenew::testing;
using certrenew::pki::PkiErrc;

namespace {

const std::string kApplication = R"({"period_years":2,"operator":"张三","nonce":"7f3a"})";

// A CA of one kind, a holder certificate under it, and a signer for the holder's key.
struct Holder {
  explicit Holder(KeyKind kind, const CertSpec& spec = holder_spec())
      : ca(make_ca(kind)), holder(issue(ca, kind, spec)), signer(holder.key.get()) {}

  // SignedData of the application, signed by the holder's key.
  Bytes sign(const pki::SignedDataOptions& options = {}) {
    return pki::build_signed_data(signer, holder.der, as_bytes(kApplication), options);
  }

  pki::SignedDataVerifyOptions trusting_ca() const {
    pki::SignedDataVerifyOptions options;
    options.trust = pki::TrustOptions{};
    options.trust->anchors = {ca.der};
    return options;
  }

  Issued ca;
  Issued holder;
  OpenSslKeySigner signer;
};

Clock::time_point whole_seconds(Clock::time_point time) {
  return std::chrono::floor<std::chrono::seconds>(time);
}

// Why verifying `message` fails (nullopt: it verifies).
std::optional<pki::PkiErrc> refusal_of(const Bytes& message,
                                       const pki::SignedDataVerifyOptions& options = {}) {
  return pki_error_of([&] { pki::verify_signed_data(message, options); });
}

// The position of `needle` in `haystack`; fails the test when it is not there.
std::size_t find(const Bytes& haystack, const Bytes& needle) {
  auto at = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end());
  REQUIRE(at != haystack.end());
  return static_cast<std::size_t>(at - haystack.begin());
}

// Runs `check` with a Holder of each of `kinds`; a failure names the kind.
template <typename Check>
void for_each_holder(std::span<const KeyKind> kinds, Check&& check) {
  for (KeyKind kind : kinds) {
    CAPTURE(kind_name(kind));
    Holder h(kind);
    check(kind, h);
  }
}

// The DER of a ContentInfo that OpenSSL made.
Bytes der_of(const CMS_ContentInfo* content_info) {
  unsigned char* out = nullptr;
  const int length = i2d_CMS_ContentInfo(content_info, &out);
  REQUIRE(length > 0);
  const Bytes der(out, out + length);
  OPENSSL_free(out);
  return der;
}

}  // namespace

TEST_CASE("SignedData from each kind of signer verifies and gives back what was signed") {
  for_each_holder(kAllKeyKinds, [](KeyKind kind, Holder& h) {
    pki::SignedDataOptions options;
    options.signing_time = Clock::now() - std::chrono::minutes(5);
    const Bytes message = h.sign(options);
    CHECK(h.signer.sign_calls() == 1);

    const pki::VerifiedSignedData verified = pki::verify_signed_data(message, h.trusting_ca());
    CHECK(ERR_peek_error() == 0);  // nothing left behind for the next OpenSSL user
    CHECK(verified.content == Bytes(kApplication.begin(), kApplication.end()));
    CHECK(verified.signer_certificate_der == h.holder.der);
    REQUIRE(verified.signing_time.has_value());
    CHECK(*verified.signing_time == whole_seconds(*options.signing_time));
    CHECK(verified.algorithm == h.signer.algorithm());
    CHECK(verified.format ==
          (kind == KeyKind::sm2 ? pki::SignedDataFormat::gmt0010 : pki::SignedDataFormat::cms));
  });
}

TEST_CASE("SM2 SignedData uses the GM/T 0010 identifiers; RSA and ECDSA use RFC 5652's") {
  Holder sm2(KeyKind::sm2);
  const Bytes gmt = pki::build_signed_data(sm2.signer, sm2.holder.der, as_bytes(kApplication));
  CHECK(contains_oid(gmt, "1.2.156.10197.6.1.4.2.2"));  // signedData
  CHECK(contains_oid(gmt, "1.2.156.10197.6.1.4.2.1"));  // data
  CHECK(contains_oid(gmt, "1.2.156.10197.1.401"));      // SM3
  CHECK(contains_oid(gmt, "1.2.156.10197.1.301.1"));    // sm2-1 signature
  CHECK_FALSE(contains_oid(gmt, "1.2.840.113549.1.7.2"));

  Holder rsa(KeyKind::rsa2048);
  const Bytes cms = pki::build_signed_data(rsa.signer, rsa.holder.der, as_bytes(kApplication));
  CHECK(contains_oid(cms, "1.2.840.113549.1.7.2"));    // id-signedData
  CHECK(contains_oid(cms, "2.16.840.1.101.3.4.2.1"));  // SHA-256
  CHECK_FALSE(contains_oid(cms, "1.2.156.10197.6.1.4.2.2"));
}

TEST_CASE("a detached signature verifies only with the same content supplied") {
  for_each_holder(kAllKeyKinds, [](KeyKind, Holder& h) {
    pki::SignedDataOptions options;
    options.include_content = false;
    const Bytes message = h.sign(options);
    const Bytes content(kApplication.begin(), kApplication.end());
    CHECK(std::search(message.begin(), message.end(), content.begin(), content.end()) ==
          message.end());

    pki::SignedDataVerifyOptions verify = h.trusting_ca();
    CHECK(refusal_of(message, verify) == PkiErrc::content_missing);
    verify.detached_content = Bytes(kApplication.begin(), kApplication.end());
    CHECK(pki::verify_signed_data(message, verify).content == *verify.detached_content);
    verify.detached_content->back() ^= 0x01;
    CHECK(refusal_of(message, verify) == PkiErrc::digest_mismatch);
  });
}

TEST_CASE("changed content is a digest mismatch, a changed signature a bad signature") {
  for_each_holder(kAllKeyKinds, [](KeyKind, Holder& h) {
    const Bytes message = h.sign();

    Bytes content_changed = message;
    content_changed[find(message, Bytes(kApplication.begin(), kApplication.end())) + 2] ^= 0x01;
    CHECK(refusal_of(content_changed, h.trusting_ca()) == PkiErrc::digest_mismatch);

    Bytes signature_changed = message;
    signature_changed[find(message, h.signer.last_signature()) + 10] ^= 0x01;
    CHECK(refusal_of(signature_changed, h.trusting_ca()) == PkiErrc::bad_signature);
  });
}

TEST_CASE("a signer that signs wrongly makes SignedData that does not verify") {
  for_each_holder(kAllKeyKinds, [](KeyKind, Holder& h) {
    h.signer.set_fault(OpenSslKeySigner::Fault::flip_signature_bit);
    const Bytes message = h.sign();
    CHECK(refusal_of(message) == PkiErrc::bad_signature);
  });
}

TEST_CASE("SM2 SignedData is verified with the GM/T 0009 signer ID") {
  Holder h(KeyKind::sm2);
  const Bytes message = h.sign();
  pki::SignedDataVerifyOptions empty_id;
  empty_id.sm2_signer_id = "";
  CHECK(refusal_of(message, empty_id) == PkiErrc::bad_signature);
}

TEST_CASE("without the signer certificate the verifier needs to be given it") {
  for_each_holder(kAllKeyKinds, [](KeyKind, Holder& h) {
    pki::SignedDataOptions options;
    options.include_signer_certificate = false;
    const Bytes message = h.sign(options);
    CHECK(refusal_of(message, h.trusting_ca()) == PkiErrc::signer_certificate_missing);

    pki::SignedDataVerifyOptions verify = h.trusting_ca();
    verify.known_certificates = {h.ca.der};  // not the signer's
    CHECK(refusal_of(message, verify) == PkiErrc::signer_certificate_missing);
    verify.known_certificates.push_back(h.holder.der);
    CHECK(pki::verify_signed_data(message, verify).signer_certificate_der == h.holder.der);
  });
}

TEST_CASE("a signer certificate from another CA is not trusted") {
  for_each_holder(kAllKeyKinds, [](KeyKind kind, Holder& h) {
    const Issued other_ca = make_ca(kind, "Some Other CA");
    const Bytes message = h.sign();
    pki::SignedDataVerifyOptions verify;
    verify.trust = pki::TrustOptions{};
    verify.trust->anchors = {other_ca.der};
    CHECK(refusal_of(message, verify) == PkiErrc::not_trusted);
    verify.trust->anchors.clear();
    CHECK(refusal_of(message, verify) == PkiErrc::not_trusted);
    CHECK_NOTHROW(pki::verify_signed_data(message));  // no trust requested: signature only
  });
}

TEST_CASE("a certificate whose keyUsage is only for encryption cannot sign an application") {
  CertSpec encryption = holder_spec();
  encryption.key_usage = "keyEncipherment";
  Holder h(KeyKind::sm2, encryption);
  const Bytes message = h.sign();
  CHECK(refusal_of(message, h.trusting_ca()) == PkiErrc::certificate_not_for_signing);
}

TEST_CASE("bad input to build_signed_data is refused before the signer is asked") {
  Holder h(KeyKind::ec_p256);
  const Issued stranger = issue(h.ca, KeyKind::ec_p256, holder_spec());
  const Bytes not_a_certificate = {0x30, 0x03, 0x02, 0x01, 0x01};
  CHECK(pki_error_of([&] {
          pki::build_signed_data(h.signer, not_a_certificate, as_bytes(kApplication));
        }) == PkiErrc::invalid_argument);
  CHECK(pki_error_of([&] {
          pki::build_signed_data(h.signer, stranger.der, as_bytes(kApplication));
        }) == PkiErrc::key_mismatch);
  h.signer.claim_algorithm(SignatureAlgorithm::rsa_pkcs1_sha256);
  CHECK(pki_error_of([&] { h.sign(); }) == PkiErrc::key_mismatch);
  CHECK(h.signer.sign_calls() == 0);
}

TEST_CASE("the signer's own exception reaches the caller of build_signed_data unchanged") {
  Holder h(KeyKind::rsa2048);
  h.signer.set_fault(OpenSslKeySigner::Fault::throw_error);
  CHECK_THROWS_AS(h.sign(), OpenSslKeySigner::TokenGone);
}

TEST_CASE("a signer returning raw r||s is reported, not wrapped into a broken message") {
  Holder h(KeyKind::sm2);
  h.signer.set_fault(OpenSslKeySigner::Fault::raw_ecdsa);
  CHECK(pki_error_of([&] { h.sign(); }) == PkiErrc::signer_failed);
}

TEST_CASE("what is not SignedData is malformed") {
  Holder h(KeyKind::rsa2048);
  const Bytes message = h.sign();
  Bytes truncated(message.begin(), message.end() - 3);
  Bytes trailing = message;
  trailing.push_back(0x00);
  for (const Bytes& bad : {Bytes{}, Bytes{0x30, 0x00}, truncated, trailing, h.holder.der}) {
    CHECK(refusal_of(bad) == PkiErrc::malformed);
  }
  // A well-formed ContentInfo of another type (id-data) is not SignedData either.
  std::unique_ptr<BIO, decltype(&BIO_free)> in(BIO_new_mem_buf("data", 4), BIO_free);
  std::unique_ptr<CMS_ContentInfo, decltype(&CMS_ContentInfo_free)> data(
      CMS_data_create(in.get(), CMS_BINARY), CMS_ContentInfo_free);
  REQUIRE(data != nullptr);
  CHECK(refusal_of(der_of(data.get())) == PkiErrc::malformed);
}

TEST_CASE("CMS that OpenSSL signs itself verifies with our verifier") {
  // OpenSSL 3.0's CMS_sign cannot sign with SM2.
  constexpr KeyKind kCmsKinds[] = {KeyKind::rsa2048, KeyKind::ec_p256};
  for_each_holder(kCmsKinds, [](KeyKind, Holder& h) {
    std::unique_ptr<BIO, decltype(&BIO_free)> in(
        BIO_new_mem_buf(kApplication.data(), static_cast<int>(kApplication.size())), BIO_free);
    std::unique_ptr<CMS_ContentInfo, decltype(&CMS_ContentInfo_free)> cms(
        CMS_sign(h.holder.certificate.get(), h.holder.key.get(), nullptr, in.get(), CMS_BINARY),
        CMS_ContentInfo_free);
    REQUIRE(cms != nullptr);
    const pki::VerifiedSignedData verified =
        pki::verify_signed_data(der_of(cms.get()), h.trusting_ca());
    CHECK(verified.content == Bytes(kApplication.begin(), kApplication.end()));
  });
}
