// Revocation through the issuer that issued (issue 22): the built-in CA lists the superseded
// certificate on its CRL from the revocation record (revocation_policy.cpp); an external CA is
// sent a revocation request (CMP rr) by a "revoke" job (service/issuer_jobs.cpp), queued in the
// installation's transaction and retried until the CA accepts it. The CA's answer never holds the
// applicant's confirmation back; its outcome is recorded as an event for operators.
#include "service/renewal_service.hpp"
#include "service/service_support.hpp"

namespace certrenew::server {

std::optional<std::int64_t> RenewalService::revoke_superseded_at_issuer(
    StoreTx& tx, const ApplicationRecord& renewal) {
  // An external CA can only revoke now; at_expiry has nothing to send (the certificate ends).
  if (config_.policy.revoke_superseded != Policy::RevokeSuperseded::on_install) return {};
  if (issuer_->certificate_authority() != nullptr) return {};  // the CRL carries it
  return queue_issuer_job(tx, renewal.id, "revoke", renewal.updated_at);
}

}  // namespace certrenew::server
