// StoreTx's calls that both backends make alike (store_tx_on.hpp): statements in SQLite's
// notation, run in the connection's (storage/backend_calls.hpp), records read and written through
// storage/record_rows.hpp.
#include "storage/store_tx_on.hpp"

#include "storage/application_lists_sql.hpp"
#include "storage/backend_calls.hpp"
#include "storage/console_rows.hpp"
#include "storage/record_rows.hpp"

namespace certrenew::server {

namespace {

// Oldest first; rows of the same second in the order they were inserted on SQLite (its rowid).
// PostgreSQL keeps no such order, so there the serial decides.
std::string oldest_first(SqlDialect d) {
  return d == SqlDialect::sqlite ? " ORDER BY created_at, rowid"
                                 : " ORDER BY created_at, serial_hex";
}

// "INSERT INTO <table> (<columns>) ... ON CONFLICT (<unique>) DO NOTHING": a row of `values`
// unless a row with the same `unique` columns is there.
std::string insert_new_sql(SqlDialect d, std::string_view table, std::string_view columns,
                           std::string_view unique) {
  return insert_sql(d, table, columns) + " ON CONFLICT (" + std::string(unique) + ") DO NOTHING";
}

// The same, run: whether it inserted one.
template <typename Db, typename Values>
bool insert_new(Db& db, std::string_view table, std::string_view columns, std::string_view unique,
                const Values& values) {
  return changed(db, insert_new_sql(dialect_of(db), table, columns, unique), values) == 1;
}

}  // namespace

template <typename Db>
std::int64_t StoreTxOn<Db>::insert_application(const ApplicationRecord& r) {
  return insert_keyed(db_, "applications", kApplicationColumns, r);
}

template <typename Db>
void StoreTxOn<Db>::update_application(const ApplicationRecord& r) {
  const auto n =
      changed(db_,
              "UPDATE applications SET state = ?2, payment_state = ?3, "
              "reject_reason = ?4, new_cert_der = ?5, updated_at = ?6 WHERE id = ?1",
              r.id, r.state, r.payment_state, r.reject_reason, r.new_cert_der, r.updated_at);
  if (n != 1) throw_unchanged(db_, "no application with that id", Unchanged::missing);
}

template <typename Db>
std::vector<ApplicationRecord> StoreTxOn<Db>::list_applications(std::string_view state, int limit,
                                                                int offset) {
  return records<ApplicationRecord>(db_, kApplicationColumns,
                                    "FROM applications WHERE (?1 = '' OR state = ?1) "
                                    "ORDER BY created_at DESC, id DESC LIMIT ?2 OFFSET ?3",
                                    state, limit, offset);
}

template <typename Db>
void StoreTxOn<Db>::replace_bank_transfers(std::int64_t application_id,
                                           const std::vector<BankTransferRecord>& records) {
  changed(db_, "DELETE FROM bank_transfers WHERE application_id = ?1", application_id);
  for (const auto& t : records)
    changed(db_, insert_sql(dialect_of(db_), "bank_transfers", kBankTransferInsertColumns),
            bank_transfer_values(application_id, t));
}

template <typename Db>
std::vector<BankTransferRecord> StoreTxOn<Db>::bank_transfers(std::int64_t application_id) {
  return rows(db_, bank_transfers_sql(), application_id).all(read_record<BankTransferRecord>);
}

template <typename Db>
std::int64_t StoreTxOn<Db>::applications_since(std::string_view serial, std::int64_t since) {
  return rows(db_,
              "SELECT COUNT(*) FROM applications WHERE old_cert_serial = ?1 AND created_at >= ?2",
              serial, since)
      .first(read_integer)
      .value_or(0);
}

template <typename Db>
bool StoreTxOn<Db>::key_certified(std::string_view fingerprint) {
  return rows(db_, "SELECT 1 FROM certified_keys WHERE fingerprint = ?1", fingerprint)
      .first(read_integer)
      .has_value();
}

template <typename Db>
std::optional<RevocationRecord> StoreTxOn<Db>::revocation(std::string_view serial) {
  return record<RevocationRecord>(db_, kRevocationColumns, "FROM revocations WHERE serial = ?1",
                                  serial);
}

template <typename Db>
std::vector<RevocationRecord> StoreTxOn<Db>::revocations_in_effect(std::int64_t at) {
  return records<RevocationRecord>(
      db_, kRevocationColumns,
      "FROM revocations WHERE revoked_at <= ?1 ORDER BY revoked_at, serial", at);
}

template <typename Db>
std::optional<std::int64_t> StoreTxOn<Db>::next_revocation_after(std::int64_t at) {
  return rows(db_, "SELECT MIN(revoked_at) FROM revocations WHERE revoked_at > ?1", at)
      .first(read_optional_integer)
      .value_or(std::nullopt);
}

template <typename Db>
void StoreTxOn<Db>::append_event(std::int64_t application_id, const EventRecord& e) {
  deferred(db_, insert_sql(dialect_of(db_), "events", kEventInsertColumns),
           event_values(application_id, e));
}

template <typename Db>
std::vector<EventRecord> StoreTxOn<Db>::events(std::int64_t application_id) {
  return rows(db_, events_sql(), application_id).all(read_record<EventRecord>);
}

// --- Notifications (issue 19) ---

template <typename Db>
bool StoreTxOn<Db>::add_outbox_message(const OutboxMessage& m) {
  return insert_new(db_, "outbox", kOutboxInsertColumns, "dedup_key", outbox_values(m));
}

template <typename Db>
void StoreTxOn<Db>::queue_outbox_message(const OutboxMessage& m) {
  deferred(db_, insert_new_sql(dialect_of(db_), "outbox", kOutboxInsertColumns, "dedup_key"),
           outbox_values(m));
}

// A newer application becomes the certificate's contact.
template <typename Db>
void StoreTxOn<Db>::watch_certificate(const WatchedCertificate& c) {
  deferred(db_,
           "INSERT INTO watched_certificates (serial, not_after, application_id) VALUES (?1, ?2, "
           "?3) ON CONFLICT (serial) DO UPDATE SET not_after = ?2, application_id = " +
               greatest(dialect_of(db_), "watched_certificates.application_id", "?3"),
           c.serial_hex, c.not_after, c.application_id);
}

template <typename Db>
std::vector<WatchedCertificate> StoreTxOn<Db>::certificates_expiring(std::int64_t now,
                                                                     std::int64_t by) {
  return records<WatchedCertificate>(
      db_, kWatchedCertificateColumns,
      "FROM watched_certificates WHERE not_after > ?1 AND not_after <= ?2 "
      "ORDER BY not_after, serial",
      now, by);
}

// --- Issue 17 (ops): the metrics endpoint's gauges ---

template <typename Db>
std::map<std::string, std::int64_t> StoreTxOn<Db>::application_counts_by_state() {
  // applications_by_state (state, created_at) covers the scan; no row is locked.
  const auto counts =
      rows(db_, "SELECT state, COUNT(*) FROM applications GROUP BY state").all(read_state_count);
  return {counts.begin(), counts.end()};
}

// --- Issue 21 (kmc): SM2 dual certificates ---

template <typename Db>
void StoreTxOn<Db>::put_encryption_request(std::int64_t application_id, const Blob& certificate,
                                           std::int64_t at) {
  changed(db_,
          "INSERT INTO encryption_requests (application_id, certificate, created_at) "
          "VALUES (?1, ?2, ?3)",
          application_id, certificate, at);
}

template <typename Db>
std::optional<Blob> StoreTxOn<Db>::encryption_request(std::int64_t application_id) {
  return rows(db_, "SELECT certificate FROM encryption_requests WHERE application_id = ?1",
              application_id)
      .first(read_blob);
}

template <typename Db>
void StoreTxOn<Db>::put_escrowed_key(const EscrowedKeyRecord& r) {
  changed(db_, insert_sql(dialect_of(db_), "escrowed_keys", kEscrowedKeyColumns), fields(r));
}

template <typename Db>
std::optional<EscrowedKeyRecord> StoreTxOn<Db>::escrowed_key(std::string_view serial_hex) {
  return record<EscrowedKeyRecord>(db_, kEscrowedKeyColumns,
                                   "FROM escrowed_keys WHERE serial_hex = ?1", serial_hex);
}

template <typename Db>
std::optional<EscrowedKeyRecord> StoreTxOn<Db>::escrowed_key_of(std::int64_t application_id) {
  return record<EscrowedKeyRecord>(db_, kEscrowedKeyColumns,
                                   "FROM escrowed_keys WHERE application_id = ?1", application_id);
}

template <typename Db>
std::vector<EscrowedKeyRecord> StoreTxOn<Db>::escrowed_keys_for_subject(const Blob& subject_der) {
  return records<EscrowedKeyRecord>(
      db_, kEscrowedKeyColumns,
      "FROM escrowed_keys WHERE subject_der = ?1" + oldest_first(dialect_of(db_)), subject_der);
}

template <typename Db>
bool StoreTxOn<Db>::add_key_recovery(const KeyRecoveryRecord& r) {
  return insert_new(db_, "key_recoveries", kKeyRecoveryColumns, "application_id, serial_hex",
                    fields(r));
}

template <typename Db>
std::vector<KeyRecoveryRecord> StoreTxOn<Db>::key_recoveries(std::int64_t application_id) {
  return records<KeyRecoveryRecord>(
      db_, kKeyRecoveryColumns,
      "FROM key_recoveries WHERE application_id = ?1" + oldest_first(dialect_of(db_)),
      application_id);
}

// --- Issue 22 (issuers): the issuer's jobs ---

template <typename Db>
std::int64_t StoreTxOn<Db>::add_issuer_job(const IssuerJob& j) {
  return insert_keyed(db_, "issuer_jobs", kIssuerJobColumns, j);
}

// --- Issue 17: an application's view, its lists read together ---

template <typename Db>
ApplicationDetails StoreTxOn<Db>::application_details(const ApplicationRecord& r,
                                                      bool with_history) {
  ApplicationDetails d;
  ReadBatch<Db> reads(db_);
  const auto into = [](auto& list, auto read) {
    return [&list, read](auto& rows) { list = rows.all(read); };
  };
  reads.add(into(d.bank_transfers, read_record<BankTransferRecord>), bank_transfers_sql(), r.id);
  reads.add(into(d.online_payments, read_record<OnlinePaymentRecord>),
            online_payments_sql(dialect_of(db_)), r.id);
  reads.add(into(d.payment_links, read_record<PaymentLinkRecord>), payment_links_sql(), r.id);
  reads.add(into(d.refund_payouts, read_record<RefundPayout>), refund_payouts_sql(), r.business_no);
  if (with_history) {
    reads.add(into(d.events, read_record<EventRecord>), events_sql(), r.id);
    reads.add(into(d.notifications, kOutboxTable.read),
              leased_rows_sql(kOutboxTable.name, kOutboxTable.columns), r.id);
    reads.add(into(d.issuer_jobs, kIssuerJobTable.read),
              leased_rows_sql(kIssuerJobTable.name, kIssuerJobTable.columns), r.id);
  }
  reads.run();
  return d;
}

template <typename Db>
std::int64_t StoreTxOn<Db>::pending_issuer_jobs() {
  return rows(db_, "SELECT COUNT(*) FROM issuer_jobs WHERE state = 'pending'")
      .first(read_integer)
      .value_or(0);
}

template class StoreTxOn<sqlite::Database>;
template class StoreTxOn<pg::Connection>;

}  // namespace certrenew::server
