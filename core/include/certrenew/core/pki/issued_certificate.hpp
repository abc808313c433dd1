#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "certrenew/core/bytes.hpp"
#include "certrenew/core/pki/trust.hpp"

namespace certrenew::pki {

// Why a certificate the CA issued must not be written to the token.
enum class IssuedCertificateProblem {
  malformed,              // the new certificate (or an input to compare with) does not parse
  not_chained,            // it does not chain to the trust anchors (or is not valid at that time)
  public_key_mismatch,    // it is not for the new key on the token
  subject_changed,        // its subject differs from the old certificate's
  validity_not_extended,  // its notAfter is not later than the old certificate's
  key_usage_dropped,      // a keyUsage bit or extendedKeyUsage purpose of the old one is missing
};

std::string_view to_string(IssuedCertificateProblem problem);

struct IssuedCertificateFailure {
  IssuedCertificateProblem problem;
  std::string detail;  // one sentence for logs and the diagnostics screen
};

struct IssuedCertificateCheck {
  std::vector<IssuedCertificateFailure> failures;  // empty: the certificate may be installed

  bool ok() const { return failures.empty(); }
  bool has(IssuedCertificateProblem problem) const;
};

// Checks a newly issued certificate before it is written next to the new key: every rule runs
// and each failure is reported. An old certificate without keyUsage/extendedKeyUsage, or a new one
// without them (no restriction), never gives key_usage_dropped. No trust anchors means
// not_chained: the check fails closed. Does not throw for bad input (that is `malformed`).
IssuedCertificateCheck verify_issued_certificate(ByteView new_certificate_der,
                                                 const TrustOptions& trust,
                                                 ByteView expected_spki_der,
                                                 ByteView old_certificate_der);

}  // namespace certrenew::pki
