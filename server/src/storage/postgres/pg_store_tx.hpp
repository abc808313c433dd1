#pragma once
// StoreTx on PostgreSQL: every call is one parameterised statement on the transaction's
// connection (pg_connection.hpp). How to add a StoreTx method here (the pattern every method
// follows):
//   1. declare the override below, in a block of its own named after the feature;
//   2. implement it in a file of its own (storage/postgres/pg_<feature>.cpp, added to
//      server/CMakeLists.txt) as `c_.query("... $1 ...", arg)`, reading rows with the record's
//      reader from storage/record_rows.hpp (`.all(read_x)`, `.first(read_x)`), which the SQLite
//      backend uses too; an insert both backends run alike is `insert_sql` over the record's
//      columns and values there. Otherwise the SQL mirrors the SQLite backend's, with $n for ?n,
//      BYTEA for BLOB, `ON CONFLICT ... DO NOTHING` for `INSERT OR IGNORE`;
//   3. append the table changes as a new version to storage/migrations.cpp (written once in
//      PostgreSQL's types, SQLite's derived from them);
//   4. run tests/unit/server/storage_test.cpp, which runs every case on both backends.
// A write whose outcome nobody reads may go as `c_.defer(...)` instead: it travels with the next
// statement or the COMMIT (one pipeline, no round trip of its own) and its failure is thrown there.
// Uniqueness is the schema's job: a unique violation leaves here as pg::Error and PgStore turns
// it into StoreConflict. Reads of one application by key lock its row (FOR UPDATE), so a
// read-modify-write of an application is serialised across instances under READ COMMITTED.

#include "storage/postgres/pg_connection.hpp"
#include "storage/postgres/pg_console.hpp"
#include "storage/store.hpp"

namespace certrenew::server::pg {

class PgTx final : public StoreTx {
 public:
  explicit PgTx(Connection& connection) : c_(connection), console_(connection, *this) {}

  std::int64_t next_sequence(std::string_view name) override;
  bool claim_nonce(std::string_view nonce, std::int64_t expires_at, std::int64_t now) override;

  std::int64_t insert_application(const ApplicationRecord& record) override;
  void update_application(const ApplicationRecord& record) override;
  std::optional<ApplicationRecord> application_by_id(std::int64_t id) override;
  std::optional<ApplicationRecord> application_by_business_no(std::string_view no) override;
  std::optional<ApplicationRecord> application_by_request(std::string_view sha256) override;
  std::optional<ApplicationRecord> open_application_for(std::string_view serial) override;
  std::vector<ApplicationRecord> list_applications(std::string_view state, int limit,
                                                   int offset) override;

  void replace_bank_transfers(std::int64_t application_id,
                              const std::vector<BankTransferRecord>& records) override;
  std::vector<BankTransferRecord> bank_transfers(std::int64_t application_id) override;
  void put_online_payment(const OnlinePaymentRecord& record) override;
  std::optional<OnlinePaymentRecord> online_payment(std::string_view id) override;

  std::optional<ApplicationRecord> renewal_of(std::string_view serial) override;
  std::int64_t applications_since(std::string_view serial, std::int64_t since) override;
  IntakeLookup intake_lookup(const IntakeQuery& query) override;
  bool key_certified(std::string_view fingerprint) override;
  void record_certified_key(std::string_view fingerprint, std::string_view serial,
                            std::int64_t at) override;

  void put_revocation(const RevocationRecord& record) override;
  std::optional<RevocationRecord> revocation(std::string_view serial) override;
  std::vector<RevocationRecord> revocations_in_effect(std::int64_t at) override;
  std::optional<std::int64_t> next_revocation_after(std::int64_t at) override;

  void append_event(std::int64_t application_id, const EventRecord& event) override;
  std::vector<EventRecord> events(std::int64_t application_id) override;

  // Notifications (issue 19): storage/postgres/pg_notify.cpp
  bool add_outbox_message(const OutboxMessage& message) override;
  std::vector<OutboxMessage> claim_outbox_messages(std::string_view worker, std::int64_t now,
                                                   std::int64_t lease_until, int limit) override;
  bool settle_outbox_message(std::int64_t id, std::string_view worker,
                             const OutboxSettlement& settlement) override;
  std::vector<OutboxMessage> outbox_messages(std::int64_t application_id) override;
  void watch_certificate(const WatchedCertificate& certificate) override;
  std::vector<WatchedCertificate> certificates_expiring(std::int64_t now, std::int64_t by) override;
  // Back-office console (issue 18): storage/console_tx_on.cpp.
  ConsoleTx& console() override { return console_; }

  // Issue 16 (clerk): one live online payment per application (pg_payment_links.cpp).
  std::vector<OnlinePaymentRecord> online_payments_of(std::int64_t application_id) override;
  void put_payment_link(const PaymentLinkRecord& record) override;
  std::optional<PaymentLinkRecord> payment_link(std::string_view payment_id) override;

  // Issue 17 (ops): operability, the metrics endpoint's gauges (pg_metrics.cpp).
  std::map<std::string, std::int64_t> application_counts_by_state() override;

  // Issue 21 (kmc): SM2 dual certificates (pg_escrow.cpp).
  void put_encryption_request(std::int64_t application_id, const Blob& certificate,
                              std::int64_t at) override;
  std::optional<Blob> encryption_request(std::int64_t application_id) override;
  void put_escrowed_key(const EscrowedKeyRecord& record) override;
  std::optional<EscrowedKeyRecord> escrowed_key(std::string_view serial_hex) override;
  std::optional<EscrowedKeyRecord> escrowed_key_of(std::int64_t application_id) override;
  std::vector<EscrowedKeyRecord> escrowed_keys_for_subject(const Blob& subject_der) override;
  bool add_key_recovery(const KeyRecoveryRecord& record) override;
  std::vector<KeyRecoveryRecord> key_recoveries(std::int64_t application_id) override;

  // Issue 22 (issuers): the issuer's jobs (pg_issuer_jobs.cpp).
  std::int64_t add_issuer_job(const IssuerJob& job) override;
  std::vector<IssuerJob> claim_issuer_jobs(std::string_view worker, std::int64_t now,
                                           std::int64_t lease_until, int limit,
                                           std::int64_t only_id) override;
  bool settle_issuer_job(std::int64_t id, std::string_view worker,
                         const OutboxSettlement& settlement) override;
  std::vector<IssuerJob> issuer_jobs(std::int64_t application_id) override;
  std::int64_t pending_issuer_jobs() override;

 private:
  // The newest application matching `where` (with $1 = key), its row locked for this transaction.
  std::optional<ApplicationRecord> one_application(std::string_view where, std::string_view key);

  Connection& c_;
  PgConsoleTx console_;
};

}  // namespace certrenew::server::pg
