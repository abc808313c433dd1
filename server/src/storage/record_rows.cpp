#include "storage/record_rows.hpp"

namespace certrenew::server {

std::string select(std::string_view columns, std::string_view rest) {
  std::string sql = "SELECT ";
  sql.append(columns).append(" ").append(rest);
  return sql;
}

// Each reader reads its columns in the order its k...Columns names them. Text that is NULL reads
// as empty on both backends (applications' subject and operator_name from before migration 10).

ApplicationRecord read_application(RowReader& row) {
  ApplicationRecord r;
  row.into(r.id, r.business_no, r.order_no, r.request_sha256, r.state, r.payment_state,
           r.old_cert_serial, r.old_cert_der, r.old_not_after, r.csr_der, r.period_months,
           r.total_fen, r.form_json, r.agreement_version, r.agreement_sha256, r.reject_reason,
           r.new_cert_der, r.created_at, r.updated_at, r.subject, r.operator_name);
  return r;
}

IntakeLookup read_intake_lookup(RowReader& row) {
  IntakeLookup out;
  if (!row.next_is_null()) out.same_request = read_application(row);
  row.seek(kApplicationColumnCount);
  row.into(out.renewed_by, out.revoked_at);
  out.key_certified = row.integer() != 0;
  row.into(out.applications_since, out.open_business_no);
  return out;
}

BankTransferRecord read_bank_transfer(RowReader& row) {
  BankTransferRecord t;
  row.into(t.id, t.payer_account, t.payer_name, t.amount_fen, t.paid_on, t.remarks);
  return t;
}

OnlinePaymentRecord read_online_payment(RowReader& row) {
  OnlinePaymentRecord p;
  row.into(p.id, p.application_id, p.amount_fen, p.state, p.gateway_ref, p.created_at,
           p.updated_at);
  return p;
}

PaymentLinkRecord read_payment_link(RowReader& row) {
  PaymentLinkRecord l;
  row.into(l.payment_id, l.pay_url, l.qr_text, l.expires_at);
  return l;
}

RevocationRecord read_revocation(RowReader& row) {
  RevocationRecord r;
  row.into(r.serial_hex, r.revoked_at, r.reason, r.business_no, r.recorded_at);
  return r;
}

EventRecord read_event(RowReader& row) {
  EventRecord e;
  row.into(e.at, e.actor, e.kind, e.detail);
  return e;
}

OutboxMessage read_outbox_message(RowReader& row) {
  OutboxMessage m;
  row.into(m.id, m.dedup_key, m.application_id, m.event, m.channel, m.recipient, m.recipient_name,
           m.language, m.facts_json, m.state, m.attempts, m.next_attempt_at, m.last_error,
           m.created_at, m.sent_at);
  return m;
}

WatchedCertificate read_watched_certificate(RowReader& row) {
  WatchedCertificate c;
  row.into(c.serial_hex, c.not_after, c.application_id);
  return c;
}

IssuerJob read_issuer_job(RowReader& row) {
  IssuerJob j;
  row.into(j.id, j.application_id, j.kind, j.state, j.attempts, j.next_attempt_at, j.last_error,
           j.created_at, j.finished_at);
  return j;
}

EscrowedKeyRecord read_escrowed_key(RowReader& row) {
  EscrowedKeyRecord r;
  row.into(r.serial_hex, r.application_id, r.subject_der, r.certificate_der, r.master_key_id,
           r.sealed_private_key, r.envelope, r.created_at);
  return r;
}

KeyRecoveryRecord read_key_recovery(RowReader& row) {
  KeyRecoveryRecord r;
  row.into(r.application_id, r.serial_hex, r.envelope, r.recovered_by, r.created_at);
  return r;
}

RefundPayout read_refund_payout(RowReader& row) {
  RefundPayout p;
  row.into(p.id, p.business_no, p.method, p.amount_fen, p.payment_id, p.reference, p.state,
           p.message, p.recorded_by, p.recorded_at, p.updated_at);
  return p;
}

std::int64_t read_integer(RowReader& row) {
  return row.integer();
}

std::string read_text(RowReader& row) {
  return row.text();
}

std::optional<std::int64_t> read_optional_integer(RowReader& row) {
  return row.optional_integer();
}

Blob read_blob(RowReader& row) {
  return row.blob();
}

}  // namespace certrenew::server
