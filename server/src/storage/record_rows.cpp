#include "storage/record_rows.hpp"

namespace certrenew::server {

std::string select(std::string_view columns, std::string_view rest) {
  std::string sql = "SELECT ";
  sql.append(columns).append(" ").append(rest);
  return sql;
}

// Each reader reads its columns in the order its k...Columns names them. Members of a braced
// initializer list are read left to right.

ApplicationRecord read_application(RowReader& row) {
  ApplicationRecord r;
  r.id = row.integer();
  r.business_no = row.text();
  r.order_no = row.text();
  r.request_sha256 = row.text();
  r.state = row.text();
  r.payment_state = row.text();
  r.old_cert_serial = row.text();
  r.old_cert_der = row.blob();
  r.old_not_after = row.integer();
  r.csr_der = row.blob();
  r.period_months = row.small_integer();
  r.total_fen = row.integer();
  r.form_json = row.text();
  r.agreement_version = row.text();
  r.agreement_sha256 = row.text();
  r.reject_reason = row.optional_text();
  r.new_cert_der = row.optional_blob();
  r.created_at = row.integer();
  r.updated_at = row.integer();
  return r;
}

IntakeLookup read_intake_lookup(RowReader& row) {
  IntakeLookup out;
  if (!row.next_is_null()) out.same_request = read_application(row);
  row.seek(kApplicationColumnCount);
  out.renewed_by = row.optional_text();
  out.revoked_at = row.optional_integer();
  out.key_certified = row.integer() != 0;
  out.applications_since = row.integer();
  out.open_business_no = row.optional_text();
  return out;
}

BankTransferRecord read_bank_transfer(RowReader& row) {
  return {row.integer(), row.text(), row.text(), row.integer(), row.text(), row.text()};
}

OnlinePaymentRecord read_online_payment(RowReader& row) {
  return {row.text(), row.integer(), row.integer(), row.text(),
          row.text(), row.integer(), row.integer()};
}

PaymentLinkRecord read_payment_link(RowReader& row) {
  return {row.text(), row.text(), row.text(), row.integer()};
}

RevocationRecord read_revocation(RowReader& row) {
  return {row.text(), row.integer(), row.text(), row.text(), row.integer()};
}

EventRecord read_event(RowReader& row) {
  return {row.integer(), row.text(), row.text(), row.text()};
}

OutboxMessage read_outbox_message(RowReader& row) {
  OutboxMessage m;
  m.id = row.integer();
  m.dedup_key = row.text();
  m.application_id = row.integer();
  m.event = row.text();
  m.channel = row.text();
  m.recipient = row.text();
  m.recipient_name = row.text();
  m.language = row.text();
  m.facts_json = row.text();
  m.state = row.text();
  m.attempts = row.small_integer();
  m.next_attempt_at = row.integer();
  m.last_error = row.text();
  m.created_at = row.integer();
  m.sent_at = row.integer();
  return m;
}

WatchedCertificate read_watched_certificate(RowReader& row) {
  return {row.text(), row.integer(), row.integer()};
}

IssuerJob read_issuer_job(RowReader& row) {
  IssuerJob j;
  j.id = row.integer();
  j.application_id = row.integer();
  j.kind = row.text();
  j.state = row.text();
  j.attempts = row.small_integer();
  j.next_attempt_at = row.integer();
  j.last_error = row.text();
  j.created_at = row.integer();
  j.finished_at = row.integer();
  return j;
}

EscrowedKeyRecord read_escrowed_key(RowReader& row) {
  return {row.text(), row.integer(), row.blob(), row.blob(),
          row.text(), row.blob(),    row.blob(), row.integer()};
}

KeyRecoveryRecord read_key_recovery(RowReader& row) {
  return {row.integer(), row.text(), row.blob(), row.text(), row.integer()};
}

RefundPayout read_refund_payout(RowReader& row) {
  return {row.integer(), row.text(), row.text(), row.integer(), row.text(),   row.text(),
          row.text(),    row.text(), row.text(), row.integer(), row.integer()};
}

std::int64_t read_integer(RowReader& row) {
  return row.integer();
}

std::optional<std::int64_t> read_optional_integer(RowReader& row) {
  return row.optional_integer();
}

Blob read_blob(RowReader& row) {
  return row.blob();
}

}  // namespace certrenew::server
