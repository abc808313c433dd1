// The last check before a certificate from the CA is written to the token: every rule runs on
// its own and reports its own failure, so the user (and support) see everything that is wrong.
#include "certrenew/core/pki/issued_certificate.hpp"

#include <openssl/objects.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <array>
#include <set>
#include <utility>

#include "certrenew/core/lookup_table.hpp"
#include "certrenew/core/x509/key_usage.hpp"
#include "pki/algorithms.hpp"
#include "pki/chain.hpp"
#include "pki/der.hpp"
#include "pki/openssl_error.hpp"

namespace certrenew::pki {
namespace {
using namespace detail;

using Failures = std::vector<IssuedCertificateFailure>;

// OpenSSL's cached extension flags; EXFLAG_INVALID means an extension did not parse.
bool extensions_valid(X509* certificate) {
  X509_check_purpose(certificate, -1, 0);
  return (X509_get_extension_flags(certificate) & EXFLAG_INVALID) == 0;
}

void check_public_key(X509* issued, ByteView expected_spki, Failures& failures) {
  const Bytes issued_spki = to_der<X509_PUBKEY>(X509_get_X509_PUBKEY(issued), i2d_X509_PUBKEY);
  if (std::equal(issued_spki.begin(), issued_spki.end(), expected_spki.begin(),
                 expected_spki.end())) {
    return;
  }
  // Same key, other encoding (e.g. an SM2 key under id-ecPublicKey or its own OID) still counts.
  EvpPkeyPtr expected = parse_spki(expected_spki);
  const EVP_PKEY* issued_key = X509_get0_pubkey(issued);
  const bool same =
      expected != nullptr && issued_key != nullptr && EVP_PKEY_eq(issued_key, expected.get()) == 1;
  take_openssl_errors();
  if (same) return;
  if (expected == nullptr) {
    failures.push_back({IssuedCertificateProblem::malformed,
                        "the expected public key is not a DER SubjectPublicKeyInfo"});
  } else {
    failures.push_back({IssuedCertificateProblem::public_key_mismatch,
                        "the certificate is not for the new key on the token"});
  }
}

void check_subject(X509* issued, X509* old, Failures& failures) {
  const X509_NAME* issued_subject = X509_get_subject_name(issued);
  const X509_NAME* old_subject = X509_get_subject_name(old);
  if (X509_NAME_cmp(issued_subject, old_subject) == 0) return;
  take_openssl_errors();
  failures.push_back({IssuedCertificateProblem::subject_changed,
                      "the subject changed from \"" + name_text(old_subject) + "\" to \"" +
                          name_text(issued_subject) + "\""});
}

void check_validity(X509* issued, X509* old, Failures& failures) {
  const int order = ASN1_TIME_compare(X509_get0_notAfter(issued), X509_get0_notAfter(old));
  if (order == 1) return;
  take_openssl_errors();
  failures.push_back({IssuedCertificateProblem::validity_not_extended,
                      order == -2 ? "a notAfter date does not parse"
                                  : "the new notAfter is not later than the old one"});
}

std::set<std::string> extended_key_usages(X509* certificate) {
  std::set<std::string> purposes;
  ExtendedKeyUsagePtr usages(static_cast<EXTENDED_KEY_USAGE*>(
      X509_get_ext_d2i(certificate, NID_ext_key_usage, nullptr, nullptr)));
  for (int i = 0; i < sk_ASN1_OBJECT_num(usages.get()); ++i) {
    purposes.insert(oid_text(sk_ASN1_OBJECT_value(usages.get(), i)));
  }
  return purposes;
}

// "digitalSignature, keyCertSign": the names of the bits, for a message.
std::string joined_key_usage_names(std::uint32_t bits) {
  std::string joined;
  for (const std::string& name : x509::key_usage_names(bits)) {
    joined += (joined.empty() ? "" : ", ") + name;
  }
  return joined;
}

// A certificate without keyUsage/extendedKeyUsage is not restricted, so it loses nothing; one
// with anyExtendedKeyUsage keeps every purpose.
void check_key_usage(X509* issued, X509* old, Failures& failures) {
  constexpr std::uint32_t kUnrestricted = UINT32_MAX;  // X509_get_key_usage: no keyUsage at all
  const std::uint32_t old_usage = X509_get_key_usage(old);
  const std::uint32_t new_usage = X509_get_key_usage(issued);
  std::string lost;
  if (old_usage != kUnrestricted && new_usage != kUnrestricted && (old_usage & ~new_usage) != 0) {
    lost = "keyUsage " + joined_key_usage_names(old_usage & ~new_usage);
  }
  const std::set<std::string> old_purposes = extended_key_usages(old);
  const std::set<std::string> new_purposes = extended_key_usages(issued);
  const std::string any_purpose = oid_text(OBJ_nid2obj(NID_anyExtendedKeyUsage));
  if (!new_purposes.empty() && !new_purposes.contains(any_purpose)) {
    for (const std::string& purpose : old_purposes) {
      if (new_purposes.contains(purpose)) continue;
      lost += (lost.empty() ? "extendedKeyUsage " : ", extendedKeyUsage ") + purpose;
    }
  }
  take_openssl_errors();
  if (!lost.empty()) {
    failures.push_back(
        {IssuedCertificateProblem::key_usage_dropped, "the new certificate lacks " + lost});
  }
}

}  // namespace

constexpr auto kIssuedCertificateProblemNames =
    std::to_array<std::pair<IssuedCertificateProblem, std::string_view>>({
        {IssuedCertificateProblem::malformed, "malformed"},
        {IssuedCertificateProblem::not_chained, "not_chained"},
        {IssuedCertificateProblem::public_key_mismatch, "public_key_mismatch"},
        {IssuedCertificateProblem::subject_changed, "subject_changed"},
        {IssuedCertificateProblem::validity_not_extended, "validity_not_extended"},
        {IssuedCertificateProblem::key_usage_dropped, "key_usage_dropped"},
    });

std::string_view to_string(IssuedCertificateProblem problem) {
  return lookup(kIssuedCertificateProblemNames, problem).value_or("unknown");
}

bool IssuedCertificateCheck::has(IssuedCertificateProblem problem) const {
  return std::any_of(failures.begin(), failures.end(),
                     [problem](const auto& failure) { return failure.problem == problem; });
}

IssuedCertificateCheck verify_issued_certificate(ByteView new_certificate_der,
                                                 const TrustOptions& trust,
                                                 ByteView expected_spki_der,
                                                 ByteView old_certificate_der) {
  IssuedCertificateCheck check;
  X509Ptr issued = parse_certificate(new_certificate_der);
  if (issued == nullptr || !extensions_valid(issued.get())) {
    take_openssl_errors();
    check.failures.push_back({IssuedCertificateProblem::malformed,
                              "the issued certificate is not a valid DER certificate"});
    return check;
  }
  X509Ptr old = parse_certificate(old_certificate_der);
  if (old == nullptr || !extensions_valid(old.get())) {
    take_openssl_errors();
    check.failures.push_back(
        {IssuedCertificateProblem::malformed,
         "the old certificate to compare with is not a valid DER certificate"});
  }

  const ChainVerdict verdict = verify_chain(issued.get(), {}, trust);
  if (!verdict.trusted) {
    check.failures.push_back({IssuedCertificateProblem::not_chained, verdict.reason});
  }
  check_public_key(issued.get(), expected_spki_der, check.failures);
  if (old != nullptr) {
    check_subject(issued.get(), old.get(), check.failures);
    check_validity(issued.get(), old.get(), check.failures);
    check_key_usage(issued.get(), old.get(), check.failures);
  }
  return check;
}

}  // namespace certrenew::pki
