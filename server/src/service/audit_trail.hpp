#pragma once
// The audit log's chain (issue 18): each entry's hash covers the previous entry's hash and every
// field of its own, so an edited, inserted or removed entry shows as a break from that point on.

#include <cstdint>
#include <optional>
#include <string>

#include "service/operator_roles.hpp"
#include "storage/console_store.hpp"

namespace certrenew::server {

// What happened; the chain fields (seq, prev_hash, hash) are filled in by append_audit.
struct AuditDraft {
  std::string actor;
  std::string role;
  std::string source;
  std::string action;
  std::string business_no;
  std::string before;
  std::string after;
  std::string detail;
};

// The hash of `entry` (all fields but `hash`), as lower-case hex SHA-256.
std::string audit_entry_hash(const AuditEntry& entry);

// Appends one entry after the chain's head, in the caller's transaction. Returns it.
AuditEntry append_audit(ConsoleTx& tx, const AuditDraft& draft, std::int64_t at);

struct AuditVerification {
  bool intact = true;
  std::int64_t entries = 0;
  std::optional<std::int64_t> first_bad_seq;  // where the chain breaks
  std::string problem;                        // English, for logs and the console
};

// One operator's act on an application: state/payment state before and after.
void audit_operator_act(StoreTx& tx, const Actor& by, const std::string& action,
                        const ApplicationRecord& before, const ApplicationRecord& after,
                        const std::string& detail, std::int64_t at);

// Walks the whole log from the first entry.
AuditVerification verify_audit_chain(ConsoleTx& tx);

}  // namespace certrenew::server
