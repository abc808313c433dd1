#pragma once
// The stored records as rows: for each record type, the columns a SELECT names and its fields()
// (its members, in that order), from which the one reader turning such a row into the record
// (read_record) and the values an INSERT writes are both made; where an insert names other
// columns than a SELECT, those columns (plain names, for insert_sql in sql_dialect.hpp) and the
// values in that order. Both backends use these (SQLite through sqlite::Statement, PostgreSQL
// through pg::Result), so a record's columns and members are named once.

#include <concepts>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "storage/console_store.hpp"
#include "storage/row_reader.hpp"
#include "storage/sql_dialect.hpp"
#include "storage/store.hpp"

namespace certrenew::server {

// "SELECT <columns> <rest>", e.g. select(kRevocationColumns, "FROM revocations WHERE ...").
std::string select(std::string_view columns, std::string_view rest);

// `R` is `Record`, const or not: fields(record) ties a record's members for reading into it and,
// const, for writing its values.
template <typename R, typename Record>
concept RecordOf = std::same_as<std::remove_const_t<R>, Record>;

// Reads a record whose fields() are its row's columns, left to right. Text that is NULL reads as
// empty on both backends (applications' subject and operator_name from before migration 10).
template <typename Record>
Record read_record(RowReader& row) {
  Record r;
  std::apply([&row](auto&... member) { row.into(member...); }, fields(r));
  return r;
}

// A record keyed by an id the database makes: its columns ("id, a, b") and values without the id.
constexpr std::string_view after_id(std::string_view columns) {
  if (!columns.starts_with("id, ")) throw std::logic_error("the columns do not start with the id");
  return columns.substr(4);
}
template <typename Id, typename... Rest>
auto after_id(const std::tuple<Id&, Rest&...>& values) {
  return std::apply([](Id&, Rest&... rest) { return std::tie(rest...); }, values);
}

// Inserts `record`, keyed by an id the database makes, into `table` (the record's `columns`):
// the new row's id.
template <typename Db, typename Record>
std::int64_t insert_keyed(Db& db, std::string_view table, std::string_view columns,
                          const Record& record) {
  return db.insert(table, after_id(columns), after_id(fields(record)));
}

inline constexpr std::string_view kApplicationColumns =
    "id, business_no, order_no, request_sha256, state, payment_state, old_cert_serial, "
    "old_cert_der, old_not_after, csr_der, period_months, total_fen, form_json, "
    "agreement_version, agreement_sha256, reject_reason, new_cert_der, created_at, updated_at, "
    "subject, operator_name";
inline constexpr int kApplicationColumnCount = 21;  // columns after these are numbered from here
auto fields(RecordOf<ApplicationRecord> auto& r) {
  return std::tie(r.id, r.business_no, r.order_no, r.request_sha256, r.state, r.payment_state,
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
auto fields(RecordOf<BankTransferRecord> auto& t) {
  return std::tie(t.id, t.payer_account, t.payer_name, t.amount_fen, t.paid_on, t.remarks);
}
// Inserted with the application's id in the place of its own.
inline constexpr std::string_view kBankTransferInsertColumns =
    "application_id, payer_account, payer_name, amount_fen, paid_on, remarks";
inline auto bank_transfer_values(const std::int64_t& application_id, const BankTransferRecord& t) {
  return std::tuple_cat(std::tie(application_id), after_id(fields(t)));
}

inline constexpr std::string_view kOnlinePaymentColumns =
    "id, application_id, amount_fen, state, gateway_ref, created_at, updated_at";
auto fields(RecordOf<OnlinePaymentRecord> auto& p) {
  return std::tie(p.id, p.application_id, p.amount_fen, p.state, p.gateway_ref, p.created_at,
                  p.updated_at);
}

inline constexpr std::string_view kPaymentLinkColumns = "payment_id, pay_url, qr_text, expires_at";
auto fields(RecordOf<PaymentLinkRecord> auto& l) {
  return std::tie(l.payment_id, l.pay_url, l.qr_text, l.expires_at);
}

inline constexpr std::string_view kRevocationColumns =
    "serial, revoked_at, reason, business_no, recorded_at";
auto fields(RecordOf<RevocationRecord> auto& r) {
  return std::tie(r.serial_hex, r.revoked_at, r.reason, r.business_no, r.recorded_at);
}

// An application's event; inserted with the application's id first.
inline constexpr std::string_view kEventColumns = "at, actor, kind, detail";
auto fields(RecordOf<EventRecord> auto& e) {
  return std::tie(e.at, e.actor, e.kind, e.detail);
}
inline constexpr std::string_view kEventInsertColumns = "application_id, at, actor, kind, detail";
inline auto event_values(const std::int64_t& application_id, const EventRecord& e) {
  return std::tuple_cat(std::tie(application_id), fields(e));
}

// application_id 0 (none) is stored as NULL: read as 0 (COALESCE), written by outbox_values.
inline constexpr std::string_view kOutboxColumns =
    "id, dedup_key, COALESCE(application_id, 0), event, channel, recipient, recipient_name, "
    "language, facts_json, state, attempts, next_attempt_at, last_error, created_at, sent_at";
auto fields(RecordOf<OutboxMessage> auto& m) {
  return std::tie(m.id, m.dedup_key, m.application_id, m.event, m.channel, m.recipient,
                  m.recipient_name, m.language, m.facts_json, m.state, m.attempts,
                  m.next_attempt_at, m.last_error, m.created_at, m.sent_at);
}
inline constexpr std::string_view kOutboxInsertColumns =
    "dedup_key, application_id, event, channel, recipient, recipient_name, language, facts_json, "
    "state, attempts, next_attempt_at, last_error, created_at, sent_at";
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
auto fields(RecordOf<WatchedCertificate> auto& c) {
  return std::tie(c.serial_hex, c.not_after, c.application_id);
}

inline constexpr std::string_view kIssuerJobColumns =
    "id, application_id, kind, state, attempts, next_attempt_at, last_error, created_at, "
    "finished_at";
auto fields(RecordOf<IssuerJob> auto& j) {
  return std::tie(j.id, j.application_id, j.kind, j.state, j.attempts, j.next_attempt_at,
                  j.last_error, j.created_at, j.finished_at);
}

inline constexpr std::string_view kEscrowedKeyColumns =
    "serial_hex, application_id, subject_der, certificate, master_key_id, sealed_private_key, "
    "envelope, created_at";
auto fields(RecordOf<EscrowedKeyRecord> auto& r) {
  return std::tie(r.serial_hex, r.application_id, r.subject_der, r.certificate_der, r.master_key_id,
                  r.sealed_private_key, r.envelope, r.created_at);
}

inline constexpr std::string_view kKeyRecoveryColumns =
    "application_id, serial_hex, envelope, recovered_by, created_at";
auto fields(RecordOf<KeyRecoveryRecord> auto& r) {
  return std::tie(r.application_id, r.serial_hex, r.envelope, r.recovered_by, r.created_at);
}

inline constexpr std::string_view kRefundPayoutColumns =
    "id, business_no, method, amount_fen, payment_id, reference, state, message, recorded_by, "
    "recorded_at, updated_at";
auto fields(RecordOf<RefundPayout> auto& p) {
  return std::tie(p.id, p.business_no, p.method, p.amount_fen, p.payment_id, p.reference, p.state,
                  p.message, p.recorded_by, p.recorded_at, p.updated_at);
}

// application_counts_by_state's rows: a state and how many.
std::pair<std::string, std::int64_t> read_state_count(RowReader& row);

// A single column: a number (COUNT(*), an id RETURNING gives), a blob.
std::int64_t read_integer(RowReader& row);
std::string read_text(RowReader& row);
std::optional<std::int64_t> read_optional_integer(RowReader& row);  // NULL: nothing
Blob read_blob(RowReader& row);

}  // namespace certrenew::server
