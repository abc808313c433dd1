#pragma once
// The StoreTx calls both backends make with the same statements, defined once on the backend's
// connection (store_tx_on.cpp, which instantiates it for sqlite::Database and pg::Connection;
// where the connections differ it goes through storage/backend_calls.hpp). SqliteTx
// (sqlite_store.cpp) and PgTx (postgres/pg_store_tx.hpp) derive from it and add the calls whose
// SQL is their own: locking reads and upserts on PostgreSQL, INSERT OR IGNORE on SQLite, intake's
// one statement, and so on.

#include "storage/lease_claim.hpp"
#include "storage/store.hpp"

namespace certrenew::server {

template <typename Db>
class StoreTxOn : public StoreTx {
 public:
  std::int64_t insert_application(const ApplicationRecord& record) override;
  void update_application(const ApplicationRecord& record) override;
  std::vector<ApplicationRecord> list_applications(std::string_view state, int limit,
                                                   int offset) override;
  void replace_bank_transfers(std::int64_t application_id,
                              const std::vector<BankTransferRecord>& records) override;
  std::vector<BankTransferRecord> bank_transfers(std::int64_t application_id) override;
  std::int64_t applications_since(std::string_view serial, std::int64_t since) override;
  bool key_certified(std::string_view fingerprint) override;
  std::optional<RevocationRecord> revocation(std::string_view serial) override;
  std::vector<RevocationRecord> revocations_in_effect(std::int64_t at) override;
  std::optional<std::int64_t> next_revocation_after(std::int64_t at) override;
  void append_event(std::int64_t application_id, const EventRecord& event) override;
  std::vector<EventRecord> events(std::int64_t application_id) override;

  // Notifications (issue 19): the outbox (its claims are lease_claim.hpp's) and the certificates
  // watched for expiry.
  bool add_outbox_message(const OutboxMessage& message) override;
  void queue_outbox_message(const OutboxMessage& message) override;
  std::vector<OutboxMessage> claim_outbox_messages(std::string_view worker, std::int64_t now,
                                                   std::int64_t lease_until, int limit) override {
    return claim_leased(db_, kOutboxTable, worker, now, lease_until, limit);
  }
  bool settle_outbox_message(std::int64_t id, std::string_view worker,
                             const OutboxSettlement& settlement) override {
    return settle_leased(db_, kOutboxTable, id, worker, settlement);
  }
  std::vector<OutboxMessage> outbox_messages(std::int64_t application_id) override {
    return leased_rows_of(db_, kOutboxTable, application_id);
  }
  void watch_certificate(const WatchedCertificate& certificate) override;
  std::vector<WatchedCertificate> certificates_expiring(std::int64_t now, std::int64_t by) override;

  // Issue 17 (ops): the metrics endpoint's gauges.
  std::map<std::string, std::int64_t> application_counts_by_state() override;

  // Issue 21 (kmc): SM2 dual certificates.
  void put_encryption_request(std::int64_t application_id, const Blob& certificate,
                              std::int64_t at) override;
  std::optional<Blob> encryption_request(std::int64_t application_id) override;
  void put_escrowed_key(const EscrowedKeyRecord& record) override;
  std::optional<EscrowedKeyRecord> escrowed_key(std::string_view serial_hex) override;
  std::optional<EscrowedKeyRecord> escrowed_key_of(std::int64_t application_id) override;
  std::vector<EscrowedKeyRecord> escrowed_keys_for_subject(const Blob& subject_der) override;
  bool add_key_recovery(const KeyRecoveryRecord& record) override;
  std::vector<KeyRecoveryRecord> key_recoveries(std::int64_t application_id) override;

  // Issue 22 (issuers): the issuer's jobs, claimed as the outbox is.
  std::int64_t add_issuer_job(const IssuerJob& job) override;
  std::vector<IssuerJob> claim_issuer_jobs(std::string_view worker, std::int64_t now,
                                           std::int64_t lease_until, int limit,
                                           std::int64_t only_id) override {
    return claim_leased(db_, kIssuerJobTable, worker, now, lease_until, limit, only_id);
  }
  bool settle_issuer_job(std::int64_t id, std::string_view worker,
                         const OutboxSettlement& settlement) override {
    return settle_leased(db_, kIssuerJobTable, id, worker, settlement);
  }
  std::vector<IssuerJob> issuer_jobs(std::int64_t application_id) override {
    return leased_rows_of(db_, kIssuerJobTable, application_id);
  }
  std::int64_t pending_issuer_jobs() override;

  // Issue 17: an application's view, its lists read together (ReadBatch).
  ApplicationDetails application_details(const ApplicationRecord& application,
                                         bool with_history) override;

 protected:
  explicit StoreTxOn(Db& db) : db_(db) {}
  Db& db_;
};

}  // namespace certrenew::server
