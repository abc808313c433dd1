#pragma once
// Revocation records: what the CRL publishes and what intake refuses (issue 15).

#include <cstdint>
#include <optional>
#include <string>

#include "service/config.hpp"
#include "storage/store.hpp"

namespace certrenew::server {

// Called when the client confirms that the renewed certificate is installed: the old certificate
// is superseded. policy.revoke_superseded decides the record: on_install (revoked now, reason
// superseded), at_expiry (revoked from its notAfter: listed on the CRL from then), never (none;
// the certificate still cannot apply again, as its renewal is on record).
void record_superseded(StoreTx& tx, const Policy& policy, const ApplicationRecord& renewal,
                       std::int64_t now);

// CRL reason codes by name (RFC 5280 CRLReason), for the records' `reason` column.
std::optional<int> crl_reason_code(const std::string& reason);

}  // namespace certrenew::server
