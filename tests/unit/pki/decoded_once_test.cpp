// What the verifiers hand back already decoded (the signer's certificate, the request's key) and
// trust anchors decoded once must give the same answers as decoding the DER again: the service's
// intake relies on it to decode each certificate once (OpenSSL 3.0 decodes a public key about as
// slowly as it checks a signature).

#include <doctest/doctest.h>
#include <openssl/err.h>
#include <openssl/x509.h>

#include <atomic>
#include <thread>
#include <vector>

#include "certrenew/core/pki/csr.hpp"
#include "certrenew/core/pki/signed_data.hpp"
#include "certrenew/core/pki/trust.hpp"
#include "certrenew/core/x509/decoded_certificate.hpp"
#include "openssl_key_signer.hpp"
#include "pki_fixtures.hpp"

using namespace certrenew;
using namespace certrenew::testing;
using certrenew::pki::PkiErrc;

namespace {

Bytes der_of(X509* certificate) {
  const int size = i2d_X509(certificate, nullptr);
  REQUIRE(size > 0);
  Bytes der(static_cast<std::size_t>(size));
  unsigned char* out = der.data();
  i2d_X509(certificate, &out);
  return der;
}

pki::TrustOptions decoded_trust(const Issued& ca) {
  pki::TrustOptions trust;
  trust.decoded_anchors = {pki::share_anchor(ca.der)};
  return trust;
}

}  // namespace

TEST_CASE("the signer certificate comes back decoded, and reads as its DER does") {
  for (KeyKind kind : kAllKeyKinds) {
    CAPTURE(kind_name(kind));
    const Issued ca = make_ca(kind);
    const Issued holder = issue(ca, kind, holder_spec());
    OpenSslKeySigner signer(holder.key.get());
    const Bytes message = pki::build_signed_data(signer, holder.der, as_bytes(std::string("{}")));

    const pki::VerifiedSignedData verified = pki::verify_signed_data(message);
    REQUIRE(verified.signer_certificate != nullptr);
    CHECK(der_of(verified.signer_certificate.get()) == holder.der);

    const x509::Certificate described =
        x509::describe_certificate(verified.signer_certificate.get());
    const x509::Certificate parsed = x509::parse_certificate(holder.der);
    CHECK(described.der == parsed.der);
    CHECK(described.serial_hex == parsed.serial_hex);
    CHECK(described.subject.der == parsed.subject.der);
    CHECK(described.not_before == parsed.not_before);
    CHECK(described.not_after == parsed.not_after);
    CHECK(described.public_key.spki_der == parsed.public_key.spki_der);
    CHECK(described.key_usage == parsed.key_usage);
    CHECK(described.sha256_fingerprint == parsed.sha256_fingerprint);
    CHECK(ERR_peek_error() == 0);
  }
  CHECK_THROWS_AS(x509::describe_certificate(nullptr), x509::CertificateError);
}

TEST_CASE("a decoded anchor gives the verdicts its DER gives") {
  for (KeyKind kind : kAllKeyKinds) {
    CAPTURE(kind_name(kind));
    const Issued ca = make_ca(kind);
    const Issued other_ca = make_ca(kind, "Some Other CA");
    const Issued holder = issue(ca, kind, holder_spec());
    const pki::SharedCertificate leaf = pki::share_certificate(holder.der);

    pki::TrustOptions by_der;
    by_der.anchors = {ca.der};
    const pki::TrustOptions decoded = decoded_trust(ca);
    CHECK(pki::check_chain(holder.der, by_der).trusted);
    CHECK(pki::check_chain(leaf.get(), decoded).trusted);  // SM2: needs the ID on the anchor
    CHECK(pki::check_chain(holder.der, decoded).trusted);

    const pki::TrustOptions other = decoded_trust(other_ca);
    const pki::ChainCheck refused = pki::check_chain(leaf.get(), other);
    CHECK_FALSE(refused.trusted);
    CHECK_FALSE(refused.reason.empty());

    // Later than the holder's validity: refused with either kind of anchor.
    pki::TrustOptions late = decoded_trust(ca);
    late.at = Clock::now() + 3 * 365 * kDay;
    CHECK_FALSE(pki::check_chain(leaf.get(), late).trusted);
  }
}

TEST_CASE("one decoded anchor serves threads that check at the same time") {
  for (KeyKind kind : kAllKeyKinds) {
    CAPTURE(kind_name(kind));
    const Issued ca = make_ca(kind);
    std::vector<Bytes> holders;
    for (int i = 0; i < 4; ++i) holders.push_back(issue(ca, kind, holder_spec()).der);
    const pki::TrustOptions trust = decoded_trust(ca);
    std::atomic<int> trusted{0};
    std::vector<std::thread> threads;
    for (const Bytes& der : holders) {
      threads.emplace_back([&trust, &trusted, der] {
        for (int round = 0; round < 20; ++round) {
          if (pki::check_chain(pki::share_certificate(der).get(), trust).trusted) ++trusted;
        }
      });
    }
    for (std::thread& thread : threads) thread.join();
    CHECK(trusted.load() == 4 * 20);
  }
}

TEST_CASE("what is not one certificate is refused when shared; no certificate is refused too") {
  CHECK(pki_error_of([] { pki::share_certificate(as_bytes(std::string("not a certificate"))); }) ==
        PkiErrc::malformed);
  const Issued ca = make_ca(KeyKind::ec_p256);
  Bytes trailing = ca.der;
  trailing.push_back(0x00);
  CHECK(pki_error_of([&] { pki::share_anchor(trailing); }) == PkiErrc::malformed);
  CHECK(pki_error_of([&] { pki::check_chain(static_cast<X509*>(nullptr), decoded_trust(ca)); }) ==
        PkiErrc::invalid_argument);
  pki::TrustOptions missing;
  missing.decoded_anchors = {nullptr};
  CHECK_FALSE(pki::check_chain(pki::share_certificate(ca.der).get(), missing).trusted);
}

TEST_CASE("a verified request hands back its key, the one its SPKI names") {
  for (KeyKind kind : kAllKeyKinds) {
    CAPTURE(kind_name(kind));
    EvpKey key = make_key(kind);
    OpenSslKeySigner signer(key.get());
    const pki::CsrInfo info =
        pki::verify_csr(pki::build_csr(signer, std::vector<pki::NameAttribute>{{"CN", "张三"}}));
    REQUIRE(info.public_key != nullptr);
    const unsigned char* p = info.spki_der.data();
    EvpKey from_spki(d2i_PUBKEY(nullptr, &p, static_cast<long>(info.spki_der.size())));
    REQUIRE(from_spki != nullptr);
    CHECK(EVP_PKEY_eq(info.public_key.get(), from_spki.get()) == 1);
    CHECK(EVP_PKEY_eq(info.public_key.get(), key.get()) == 1);
  }
}
