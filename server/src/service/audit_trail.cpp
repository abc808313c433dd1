#include "service/audit_trail.hpp"

#include "service/digest.hpp"

namespace certrenew::server {

namespace {

// Length-prefixed fields: no two different entries encode to the same bytes.
void field(std::string& out, std::string_view value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += ';';
}

}  // namespace

std::string audit_entry_hash(const AuditEntry& e) {
  std::string bytes = "certrenew-audit-v1;";
  field(bytes, std::to_string(e.seq));
  field(bytes, std::to_string(e.at));
  for (const std::string* f : {&e.actor, &e.role, &e.source, &e.action, &e.business_no, &e.before,
                               &e.after, &e.detail, &e.prev_hash})
    field(bytes, *f);
  return sha256_hex(bytes);
}

AuditEntry append_audit(ConsoleTx& tx, const AuditDraft& d, std::int64_t at) {
  const auto head = tx.last_audit_entry();
  AuditEntry e;
  e.seq = head ? head->seq + 1 : 1;
  e.at = at;
  e.actor = d.actor;
  e.role = d.role;
  e.source = d.source;
  e.action = d.action;
  e.business_no = d.business_no;
  e.before = d.before;
  e.after = d.after;
  e.detail = d.detail;
  e.prev_hash = head ? head->hash : std::string(64, '0');
  e.hash = audit_entry_hash(e);
  tx.insert_audit_entry(e);
  return e;
}

void audit_operator_act(StoreTx& tx, const Actor& by, const std::string& action,
                        const ApplicationRecord& before, const ApplicationRecord& after,
                        const std::string& detail, std::int64_t at) {
  append_audit(
      tx.console(),
      {by.name, by.role_text(), by.source, action, after.business_no,
       before.state + "/" + before.payment_state, after.state + "/" + after.payment_state, detail},
      at);
}

AuditVerification verify_audit_chain(ConsoleTx& tx) {
  AuditVerification v;
  std::string prev(64, '0');
  std::int64_t expected_seq = 1;
  constexpr int kPage = 500;
  for (;;) {
    const auto page = tx.audit_entries_after(expected_seq - 1, kPage);
    for (const AuditEntry& e : page) {
      std::string problem;
      if (e.seq != expected_seq)
        problem = "entry " + std::to_string(expected_seq) + " is missing";
      else if (e.prev_hash != prev)
        problem = "entry " + std::to_string(e.seq) + " does not follow the entry before it";
      else if (audit_entry_hash(e) != e.hash)
        problem = "entry " + std::to_string(e.seq) + " was changed after it was written";
      if (!problem.empty()) {
        v.intact = false;
        v.first_bad_seq = expected_seq;
        v.problem = problem;
        return v;
      }
      prev = e.hash;
      ++expected_seq;
      ++v.entries;
    }
    if (page.size() < kPage) return v;
  }
}

}  // namespace certrenew::server
