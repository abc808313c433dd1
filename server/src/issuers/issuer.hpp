#pragma once
// Who issues and revokes the renewed certificates. The service decides (intake, payment, review);
// an Issuer carries the decision out: the built-in CA with its key in a file or on an HSM, or an
// existing CA reached over CMP with the service as its registration authority.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ca/authority.hpp"
#include "service/config.hpp"

namespace certrenew::server {

// An approved application, as the issuer needs it.
struct IssueRequest {
  const std::vector<std::uint8_t>& old_certificate_der;  // the certificate being renewed
  const std::vector<std::uint8_t>& csr_der;              // the applicant's PKCS#10 (new key)
  int period_months = 0;                                 // paid period
  Clock::time_point now;
  std::string business_no;  // for the issuer's own records (CMP: the transaction's log)
};

// A certificate to revoke: one this issuer issued earlier.
struct RevokeRequest {
  std::vector<std::uint8_t> certificate_der;
  std::string serial_hex;
  std::string reason;  // RFC 5280 reason name as the store keeps it ("superseded", ...)
};

// The issuer's final no: a CMP rejection, the built-in CA refusing the request, a certificate
// from the CA that the RA cannot accept. Asking again gets the same answer, so the application
// goes back to review with this reason. Any other IssuanceError (the CA unreachable or timing
// out, an HSM not answering) is worth another attempt later.
class IssuerRefusal : public IssuanceError {
 public:
  using IssuanceError::IssuanceError;
};

// Issue 21: the encryption certificate of an SM2 dual-certificate holder, whose key pair the
// service's KMC made. Subject and validity follow the holder's new signing certificate.
struct EncryptionIssueRequest {
  const std::vector<std::uint8_t>& signing_certificate_der;  // the new signing certificate
  const std::vector<std::uint8_t>& public_key_spki_der;      // the KMC's new SM2 public key
  Clock::time_point now;
  std::string business_no;
};

// The issuer cannot issue encryption certificates: a final no (nothing issued).
class DualCertificatesUnsupported : public IssuerRefusal {
 public:
  using IssuerRefusal::IssuerRefusal;
};

// What /readyz and the console show about the issuer.
struct IssuerHealth {
  bool ok = true;
  std::string reason;  // why not, for operators (English, as logs are)
};

class Issuer {
 public:
  virtual ~Issuer() = default;

  // "builtin-file", "builtin-pkcs11" or "cmp", as the configuration names it.
  virtual std::string_view type() const = 0;

  // The CA certificate the issued certificates chain to (intake's trust anchor, the chain sent
  // with a renewed certificate).
  virtual const std::vector<std::uint8_t>& ca_certificate_der() const = 0;

  // Issues the renewed certificate (DER). Throws IssuerRefusal for a final no, IssuanceError when
  // it cannot now; nothing is issued then. May block while an external CA decides (CMP polling,
  // bounded by its timeouts), so the service calls it only from its job worker
  // (service/issuer_jobs.cpp), never inside a transaction.
  virtual std::vector<std::uint8_t> issue(const IssueRequest& request) = 0;

  // Revokes a certificate. The built-in issuers publish revocations through their CRL, made from
  // the store's revocation records, so for them this only checks the certificate is theirs; an
  // external CA is asked (CMP rr). Throws IssuanceError when the issuer refuses or is unreachable.
  virtual void revoke(const RevokeRequest& request) = 0;

  // True when issuing takes no network round trip (the built-in CA): the service then issues
  // right after approval instead of leaving it to the worker's next round.
  virtual bool answers_at_once() const { return false; }
  // Issue 21: issues the encryption certificate (DER) of a dual-certificate pair. Throws
  // IssuanceError as issue() does, DualCertificatesUnsupported when this issuer cannot.
  virtual std::vector<std::uint8_t> issue_encryption(const EncryptionIssueRequest& request) = 0;

  // Cheap enough to call on every /readyz: no signature, no network round trip to a CA.
  virtual IssuerHealth health() = 0;

  // The built-in CA (CRL publication, demo tools); null for an external CA.
  virtual const CertificateAuthority* certificate_authority() const { return nullptr; }
};

// The issuer the configuration names. Throws std::runtime_error (naming the configuration key)
// when it cannot be set up: a missing CA file, an HSM that does not answer, a wrong PIN.
std::unique_ptr<Issuer> make_issuer(const ServerConfig& config);

}  // namespace certrenew::server
