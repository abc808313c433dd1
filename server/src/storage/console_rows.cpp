#include "storage/console_rows.hpp"

#include "storage/record_rows.hpp"

namespace certrenew::server {

OperatorRecord read_operator(RowReader& row) {
  OperatorRecord r;
  row.into(r.name, r.role, r.password_hash, r.totp_secret, r.totp_last_step);
  r.disabled = row.integer() != 0;
  row.into(r.failed_logins, r.locked_until, r.created_at, r.updated_at);
  return r;
}

SessionRecord read_session(RowReader& row) {
  SessionRecord s;
  row.into(s.id_sha256, s.operator_name, s.csrf_token, s.source, s.created_at, s.expires_at,
           s.last_seen);
  return s;
}

AuditEntry read_audit_entry(RowReader& row) {
  AuditEntry e;
  row.into(e.seq, e.at, e.actor, e.role, e.source, e.action, e.business_no, e.before, e.after,
           e.detail, e.prev_hash, e.hash);
  return e;
}

ReasonTemplate read_reason_template(RowReader& row) {
  ReasonTemplate t;
  row.into(t.id, t.title, t.text, t.created_by, t.created_at);
  return t;
}

StatementLine read_statement_line(RowReader& row) {
  StatementLine l;
  row.into(l.id, l.upload_id, l.line_no, l.booked_on, l.amount_fen, l.payer_name, l.payer_account,
           l.reference, l.business_no, l.matched_by, l.matched_at, l.uploaded_at);
  return l;
}

RefundRecord read_refund(RowReader& row) {
  RefundRecord r;
  row.into(r.business_no, r.recorded_by, r.note, r.recorded_at);
  return r;
}

std::pair<std::int64_t, EventRecord> read_event_with_application(RowReader& row) {
  const std::int64_t application_id = row.integer();
  return {application_id, read_event(row)};
}

std::pair<std::string, std::int64_t> read_state_count(RowReader& row) {
  std::string state = row.text();
  return {std::move(state), row.integer()};
}

}  // namespace certrenew::server
