// Revocation through the issuer that issued (issue 22): the built-in CA lists the superseded
// certificate on its CRL from the revocation record (revocation_policy.cpp); an external CA is
// sent a revocation request (CMP rr). This runs after the installation is committed: the CA's
// answer never holds the applicant's confirmation back, and a refusal is recorded as an event
// for operators (the record stays, so the built-in CRL is unaffected either way).
#include <spdlog/spdlog.h>

#include "certrenew/core/x509/certificate.hpp"
#include "service/renewal_service.hpp"

namespace certrenew::server {

void RenewalService::revoke_superseded_at_issuer(const ApplicationRecord& renewal) {
  // An external CA can only revoke now; at_expiry has nothing to send (the certificate ends).
  if (config_.policy.revoke_superseded != Policy::RevokeSuperseded::on_install) return;
  if (issuer_->certificate_authority() != nullptr) return;  // the CRL carries it
  RevokeRequest request{renewal.old_cert_der, renewal.old_cert_serial, "superseded"};
  std::string kind = "superseded_revoked_by_issuer", detail = renewal.old_cert_serial;
  try {
    issuer_->revoke(request);
  } catch (const std::exception& e) {
    spdlog::error("revoking {} at the issuer: {}", renewal.old_cert_serial, e.what());
    kind = "superseded_revocation_failed";
    detail += ": " + std::string(e.what());
  }
  store_->transact([&](StoreTx& tx) {
    tx.append_event(renewal.id, {now_unix(), "system", kind, detail});
  });
}

}  // namespace certrenew::server
