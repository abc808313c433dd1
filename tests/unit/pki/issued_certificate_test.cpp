#include <doctest/doctest.h>
#include <openssl/err.h>

#include <functional>

#include "certrenew/core/pki/issued_certificate.hpp"
#include "pki_fixtures.hpp"

using namespace certrenew;
using namespace certrenew::testing;
using Problem = certrenew::pki::IssuedCertificateProblem;

namespace {

// An old certificate about to expire, the new key on the token, and what the CA should issue.
struct Renewal {
  explicit Renewal(KeyKind kind) : kind(kind), ca(make_ca(kind)) {
    CertSpec old_spec = holder_spec();
    old_spec.not_before = Clock::now() - 335 * kDay;
    old_spec.not_after = old_not_after;
    old = issue(ca, kind, old_spec);
    new_key = make_key(kind);
    trust.anchors = {ca.der};
  }

  // The certificate a correct CA issues: same subject and usages, new key, a year past the old end.
  CertSpec good_spec() const {
    CertSpec spec = holder_spec();
    spec.not_before = Clock::now();
    spec.not_after = Clock::now() + 395 * kDay;
    return spec;
  }

  Bytes issue_new(const CertSpec& spec, const Issued* issuer = nullptr) const {
    const Issued& by = issuer != nullptr ? *issuer : ca;
    return cert_der(issue_cert(spec, new_key.get(), by.certificate.get(), by.key.get()).get());
  }

  std::vector<Problem> problems(const Bytes& issued) const {
    return problems_with(issued, trust, spki_der(new_key.get()));
  }

  // The problems of a certificate issued as good_spec() with `change` made to it.
  std::vector<Problem> problems_if(const std::function<void(CertSpec&)>& change) const {
    CertSpec spec = good_spec();
    change(spec);
    return problems(issue_new(spec));
  }

  std::vector<Problem> problems_with(const Bytes& issued, const pki::TrustOptions& with_trust,
                                     const Bytes& expected_spki) const {
    std::vector<Problem> found;
    const pki::IssuedCertificateCheck check =
        pki::verify_issued_certificate(issued, with_trust, expected_spki, old.der);
    for (const auto& failure : check.failures) {
      found.push_back(failure.problem);
      CHECK_MESSAGE(!failure.detail.empty(), pki::to_string(failure.problem));
    }
    CHECK(check.ok() == found.empty());
    return found;
  }

  KeyKind kind;
  Clock::time_point old_not_after = Clock::now() + 30 * kDay;
  Issued ca;
  Issued old;
  EvpKey new_key;
  pki::TrustOptions trust;
};

using Problems = std::vector<Problem>;

}  // namespace

TEST_CASE("a correctly issued certificate passes every rule") {
  for (KeyKind kind : kAllKeyKinds) {
    CAPTURE(kind_name(kind));
    Renewal renewal(kind);
    CHECK(renewal.problems(renewal.issue_new(renewal.good_spec())) == Problems{});
    CHECK(ERR_peek_error() == 0);  // nothing left behind for the next OpenSSL user
  }
}

TEST_CASE("not_chained: issued by a CA that is not a trust anchor") {
  for (KeyKind kind : kAllKeyKinds) {
    CAPTURE(kind_name(kind));
    Renewal renewal(kind);
    const Issued impostor = make_ca(kind);  // same name as the real CA, another key
    CHECK(renewal.problems(renewal.issue_new(renewal.good_spec(), &impostor)) ==
          Problems{Problem::not_chained});
  }
}

TEST_CASE("not_chained: no trust anchors configured fails closed") {
  Renewal renewal(KeyKind::ec_p256);
  pki::TrustOptions nothing;
  CHECK(renewal.problems_with(renewal.issue_new(renewal.good_spec()), nothing,
                              spki_der(renewal.new_key.get())) == Problems{Problem::not_chained});
}

TEST_CASE("not_chained: an SM2 CA signature checked with another signer ID") {
  Renewal renewal(KeyKind::sm2);
  pki::TrustOptions other_id = renewal.trust;
  other_id.sm2_signer_id = "";
  CHECK(renewal.problems_with(renewal.issue_new(renewal.good_spec()), other_id,
                              spki_der(renewal.new_key.get())) == Problems{Problem::not_chained});
}

TEST_CASE(
    "a certificate that starts a few minutes in the future passes; one that starts later does "
    "not") {
  Renewal renewal(KeyKind::rsa2048);
  CHECK(renewal.problems_if([](CertSpec& s) {
    s.not_before = Clock::now() + std::chrono::minutes(3);
  }) == Problems{});
  CHECK(renewal.problems_if([](CertSpec& s) { s.not_before = Clock::now() + kDay; }) ==
        Problems{Problem::not_chained});
}

TEST_CASE("public_key_mismatch: the certificate is not for the new key on the token") {
  for (KeyKind kind : kAllKeyKinds) {
    CAPTURE(kind_name(kind));
    Renewal renewal(kind);
    const Bytes issued = renewal.issue_new(renewal.good_spec());
    const EvpKey other_key = make_key(kind);
    CHECK(renewal.problems_with(issued, renewal.trust, spki_der(other_key.get())) ==
          Problems{Problem::public_key_mismatch});
    // The old key is not the new key either: a CA that re-certified the old key is refused.
    CHECK(renewal.problems_with(issued, renewal.trust, spki_der(renewal.old.key.get())) ==
          Problems{Problem::public_key_mismatch});
  }
}

TEST_CASE("subject_changed: the CA changed the subject") {
  for (KeyKind kind : kAllKeyKinds) {
    CAPTURE(kind_name(kind));
    Renewal renewal(kind);
    CHECK(renewal.problems_if([](CertSpec& s) {
      s.subject = {{"C", "CN"}, {"O", "某某科技有限公司"}, {"CN", "李四"}};
    }) == Problems{Problem::subject_changed});
  }
}

TEST_CASE("validity_not_extended: notAfter equal to or before the old one") {
  for (KeyKind kind : kAllKeyKinds) {
    CAPTURE(kind_name(kind));
    Renewal renewal(kind);
    CHECK(renewal.problems_if([&](CertSpec& s) { s.not_after = renewal.old_not_after; }) ==
          Problems{Problem::validity_not_extended});
    CHECK(renewal.problems_if([](CertSpec& s) { s.not_after = Clock::now() + 10 * kDay; }) ==
          Problems{Problem::validity_not_extended});
  }
}

TEST_CASE("key_usage_dropped: a keyUsage bit or an extendedKeyUsage purpose is missing") {
  for (KeyKind kind : kAllKeyKinds) {
    CAPTURE(kind_name(kind));
    Renewal renewal(kind);
    CHECK(renewal.problems_if([](CertSpec& s) { s.key_usage = "digitalSignature"; }) ==
          Problems{Problem::key_usage_dropped});
    CHECK(renewal.problems_if([](CertSpec& s) { s.extended_key_usage = "clientAuth"; }) ==
          Problems{Problem::key_usage_dropped});
    CHECK(renewal.problems_if([](CertSpec& s) {  // gaining usages is fine
      s.key_usage = "digitalSignature,nonRepudiation,keyEncipherment";
      s.extended_key_usage = "clientAuth,emailProtection,codeSigning";
    }) == Problems{});
  }
}

TEST_CASE("malformed: the downloaded bytes are not a certificate") {
  for (KeyKind kind : kAllKeyKinds) {
    CAPTURE(kind_name(kind));
    Renewal renewal(kind);
    const Bytes good = renewal.issue_new(renewal.good_spec());
    const Bytes truncated(good.begin(), good.end() - 1);
    Bytes trailing = good;
    trailing.push_back(0);
    for (const Bytes& bad : {Bytes{}, Bytes{0x30, 0x00}, truncated, trailing}) {
      CHECK(renewal.problems(bad) == Problems{Problem::malformed});
    }
    CHECK(renewal.problems_with(good, renewal.trust, Bytes{0x01, 0x02}) ==
          Problems{Problem::malformed});
  }
}

TEST_CASE("several problems are all reported") {
  Renewal renewal(KeyKind::ec_p256);
  const Issued impostor = make_ca(KeyKind::ec_p256, "Impostor");
  CertSpec bad = renewal.good_spec();
  bad.subject = {{"CN", "Someone else"}};
  bad.not_after = Clock::now() + kDay;
  bad.key_usage = "keyAgreement";
  const Bytes issued = renewal.issue_new(bad, &impostor);
  const EvpKey other_key = make_key(KeyKind::ec_p256);
  CHECK(renewal.problems_with(issued, renewal.trust, spki_der(other_key.get())) ==
        Problems{Problem::not_chained, Problem::public_key_mismatch, Problem::subject_changed,
                 Problem::validity_not_extended, Problem::key_usage_dropped});
}
