#pragma once
// The service as key management centre (KMC) of SM2 dual certificates (issue 21,
// docs/protocol.md "Dual certificates"): which approvals are dual, the intake check of the
// holder's current encryption certificate, the issuance of the encryption pair next to the signing
// certificate, and the download answer's part. Key recovery is service/key_recovery.cpp.

#include <optional>
#include <string>

#include "ca/authority.hpp"
#include "ca/openssl_ptr.hpp"
#include "certrenew/core/pki/csr.hpp"
#include "certrenew/core/pki/trust.hpp"
#include "certrenew/core/protocol/dual_certificates.hpp"
#include "certrenew/core/x509/certificate.hpp"
#include "issuers/issuer.hpp"
#include "issuers/kmc/key_escrow.hpp"
#include "issuers/kmc/kmc_config.hpp"
#include "storage/store.hpp"

namespace certrenew::server {

class KeyManagementCentre {
 public:
  // Loads the master key when the config has a "kmc" object; throws std::runtime_error naming
  // the config key when it cannot (the service does not start without it).
  explicit KeyManagementCentre(const KmcConfig& config);

  bool enabled() const { return escrow_.has_value(); }
  // "never" when disabled.
  DualCertificatePolicy policy() const;
  // Whether approving an application issues an encryption certificate next to the signing one.
  bool dual(bool carried_encryption_certificate, bool signing_key_is_sm2) const;
  // Throws std::logic_error when disabled.
  const KeyEscrow& escrow() const;

  // The escrow's additional data: a sealed key opens only for its application and certificate.
  static std::string binding(std::int64_t application_id, const std::string& serial_hex);
  // The escrowed private key of `record`. Throws EscrowError when it does not open.
  PkeyPtr open(const EscrowedKeyRecord& record) const;

 private:
  DualCertificatePolicy policy_ = DualCertificatePolicy::never;
  std::optional<KeyEscrow> escrow_;
};

// Intake: the holder's current encryption certificate must name the same subject as the signing
// certificate, come from this CA, and the new signing key must be SM2 (the envelope is sealed to
// it). Throws ApiError (docs/protocol.md); checks nothing else.
void check_encryption_certificate(const x509::Certificate& encryption,
                                  const x509::Certificate& signing, const pki::CsrInfo& csr,
                                  const pki::SharedCertificate& ca_anchor, Clock::time_point now);

// Approval, in the approving transaction, right after the signing certificate of `r` was issued
// (`signing`) and before anything of the approval is written: for a dual renewal,
// a new SM2 key pair, its certificate from `issuer`, the private key escrowed, the envelope to the
// new signing key; nothing for a single one. Everything that can fail comes before its writes, so
// a throw leaves the transaction as it found it. Throws IssuanceError
// (DualCertificatesUnsupported) as the signing issuance does.
void issue_encryption_pair(StoreTx& tx, Issuer& issuer, const KeyManagementCentre& kmc,
                           const ApplicationRecord& r, const x509::Certificate& signing,
                           Clock::time_point now, const std::string& actor);

// Download: the application's encryption key pair and the keys recovered for it, if any.
protocol::DualCertificateDownload dual_certificate_download(StoreTx& tx,
                                                            const ApplicationRecord& r);

}  // namespace certrenew::server
