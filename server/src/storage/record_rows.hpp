#pragma once
// The stored records as rows: for each record type, the columns a SELECT names and the one reader
// that turns such a row into the record; for those both backends insert alike, the columns an
// INSERT names (plain names, for insert_sql in sql_dialect.hpp) and the record's values in that
// order. Both backends use these (SQLite through sqlite::Statement, PostgreSQL through pg::Result),
// so a record's columns are named once.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>

#include "storage/console_store.hpp"
#include "storage/row_reader.hpp"
#include "storage/sql_dialect.hpp"
#include "storage/store.hpp"

namespace certrenew::server {

// "SELECT <columns> <rest>", e.g. select(kRevocationColumns, "FROM revocations WHERE ...").
std::string select(std::string_view columns, std::string_view rest);

inline constexpr std::string_view kApplicationColumns =
    "id, business_no, order_no, request_sha256, state, payment_state, old_cert_serial, "
    "old_cert_der, old_not_after, csr_der, period_months, total_fen, form_json, "
    "agreement_version, agreement_sha256, reject_reason, new_cert_der, created_at, updated_at, "
    "subject, operator_name";
inline constexpr int kApplicationColumnCount = 21;  // columns after these are numbered from here
ApplicationRecord read_application(RowReader& row);
inline constexpr std::string_view kApplicationInsertColumns =
    "business_no, order_no, request_sha256, state, payment_state, old_cert_serial, old_cert_der, "
    "old_not_after, csr_der, period_months, total_fen, form_json, agreement_version, "
    "agreement_sha256, reject_reason, new_cert_der, created_at, updated_at, subject, operator_name";
inline auto application_values(const ApplicationRecord& r) {
  return std::tie(r.business_no, r.order_no, r.request_sha256, r.state, r.payment_state,
                  r.old_cert_serial, r.old_cert_der, r.old_not_after, r.csr_der, r.period_months,
                  r.total_fen, r.form_json, r.agreement_version, r.agreement_sha256,
                  r.reject_reason, r.new_cert_der, r.created_at, r.updated_at, r.subject,
                  r.operator_name);
}

// The intake lookup's one row (StoreTx::intake_lookup): the application's columns (all NULL when
// there is none), then renewed_by, revoked_at, key_certified, applications_since,
// open_business_no.
IntakeLookup read_intake_lookup(RowReader& row);

inline constexpr std::string_view kBankTransferColumns =
    "id, payer_account, payer_name, amount_fen, paid_on, remarks";
BankTransferRecord read_bank_transfer(RowReader& row);
inline constexpr std::string_view kBankTransferInsertColumns =
    "application_id, payer_account, payer_name, amount_fen, paid_on, remarks";
inline auto bank_transfer_values(const std::int64_t& application_id, const BankTransferRecord& t) {
  return std::tie(application_id, t.payer_account, t.payer_name, t.amount_fen, t.paid_on,
                  t.remarks);
}

inline constexpr std::string_view kOnlinePaymentColumns =
    "id, application_id, amount_fen, state, gateway_ref, created_at, updated_at";
OnlinePaymentRecord read_online_payment(RowReader& row);

inline constexpr std::string_view kPaymentLinkColumns = "payment_id, pay_url, qr_text, expires_at";
PaymentLinkRecord read_payment_link(RowReader& row);

inline constexpr std::string_view kRevocationColumns =
    "serial, revoked_at, reason, business_no, recorded_at";
RevocationRecord read_revocation(RowReader& row);
inline auto revocation_values(const RevocationRecord& r) {
  return std::tie(r.serial_hex, r.revoked_at, r.reason, r.business_no, r.recorded_at);
}

inline constexpr std::string_view kEventColumns = "at, actor, kind, detail";
EventRecord read_event(RowReader& row);
inline constexpr std::string_view kEventInsertColumns = "application_id, at, actor, kind, detail";
inline auto event_values(const std::int64_t& application_id, const EventRecord& e) {
  return std::tie(application_id, e.at, e.actor, e.kind, e.detail);
}

inline constexpr std::string_view kOutboxColumns =
    "id, dedup_key, COALESCE(application_id, 0), event, channel, recipient, recipient_name, "
    "language, facts_json, state, attempts, next_attempt_at, last_error, created_at, sent_at";
OutboxMessage read_outbox_message(RowReader& row);
inline constexpr std::string_view kOutboxInsertColumns =
    "dedup_key, application_id, event, channel, recipient, recipient_name, language, facts_json, "
    "state, attempts, next_attempt_at, last_error, created_at, sent_at";
// application_id 0 (none) is stored as NULL.
inline auto outbox_values(const OutboxMessage& m) {
  const auto application =
      m.application_id > 0 ? std::optional<std::int64_t>(m.application_id) : std::nullopt;
  return std::make_tuple(std::cref(m.dedup_key), application, std::cref(m.event),
                         std::cref(m.channel), std::cref(m.recipient), std::cref(m.recipient_name),
                         std::cref(m.language), std::cref(m.facts_json), std::cref(m.state),
                         m.attempts, m.next_attempt_at, std::cref(m.last_error), m.created_at,
                         m.sent_at);
}

inline constexpr std::string_view kWatchedCertificateColumns = "serial, not_after, application_id";
WatchedCertificate read_watched_certificate(RowReader& row);

inline constexpr std::string_view kIssuerJobColumns =
    "id, application_id, kind, state, attempts, next_attempt_at, last_error, created_at, "
    "finished_at";
IssuerJob read_issuer_job(RowReader& row);
inline constexpr std::string_view kIssuerJobInsertColumns =
    "application_id, kind, state, attempts, next_attempt_at, last_error, created_at, finished_at";
inline auto issuer_job_values(const IssuerJob& j) {
  return std::tie(j.application_id, j.kind, j.state, j.attempts, j.next_attempt_at, j.last_error,
                  j.created_at, j.finished_at);
}

inline constexpr std::string_view kEscrowedKeyColumns =
    "serial_hex, application_id, subject_der, certificate, master_key_id, sealed_private_key, "
    "envelope, created_at";
EscrowedKeyRecord read_escrowed_key(RowReader& row);
inline auto escrowed_key_values(const EscrowedKeyRecord& r) {
  return std::tie(r.serial_hex, r.application_id, r.subject_der, r.certificate_der, r.master_key_id,
                  r.sealed_private_key, r.envelope, r.created_at);
}

inline constexpr std::string_view kKeyRecoveryColumns =
    "application_id, serial_hex, envelope, recovered_by, created_at";
KeyRecoveryRecord read_key_recovery(RowReader& row);
inline auto key_recovery_values(const KeyRecoveryRecord& r) {
  return std::tie(r.application_id, r.serial_hex, r.envelope, r.recovered_by, r.created_at);
}

inline constexpr std::string_view kRefundPayoutColumns =
    "id, business_no, method, amount_fen, payment_id, reference, state, message, recorded_by, "
    "recorded_at, updated_at";
RefundPayout read_refund_payout(RowReader& row);
inline constexpr std::string_view kRefundPayoutInsertColumns =
    "business_no, method, amount_fen, payment_id, reference, state, message, recorded_by, "
    "recorded_at, updated_at";
inline auto refund_payout_values(const RefundPayout& p) {
  return std::tie(p.business_no, p.method, p.amount_fen, p.payment_id, p.reference, p.state,
                  p.message, p.recorded_by, p.recorded_at, p.updated_at);
}

// A single column: a number (COUNT(*), an id RETURNING gives), a blob.
std::int64_t read_integer(RowReader& row);
std::string read_text(RowReader& row);
std::optional<std::int64_t> read_optional_integer(RowReader& row);  // NULL: nothing
Blob read_blob(RowReader& row);

}  // namespace certrenew::server
