#include "service/revocation_policy.hpp"

#include <array>
#include <utility>

namespace certrenew::server {

void record_superseded(StoreTx& tx, const Policy& policy, const ApplicationRecord& renewal,
                       std::int64_t now) {
  using RS = Policy::RevokeSuperseded;
  if (policy.revoke_superseded == RS::never) return;
  RevocationRecord r;
  r.serial_hex = renewal.old_cert_serial;
  r.revoked_at = policy.revoke_superseded == RS::on_install ? now : renewal.old_not_after;
  r.reason = "superseded";
  r.business_no = renewal.business_no;
  r.recorded_at = now;
  tx.put_revocation(r);
  tx.append_event(renewal.id, {now, "system", "superseded_certificate_revoked",
                               r.serial_hex + (r.revoked_at > now ? " at expiry" : "")});
}

std::optional<int> crl_reason_code(const std::string& reason) {
  static constexpr std::array<std::pair<const char*, int>, 6> kReasons{{
      {"unspecified", 0},
      {"key_compromise", 1},
      {"affiliation_changed", 3},
      {"superseded", 4},
      {"cessation_of_operation", 5},
      {"certificate_hold", 6},
  }};
  for (const auto& [name, code] : kReasons)
    if (reason == name) return code;
  return std::nullopt;
}

}  // namespace certrenew::server
