#pragma once
// StoreTx on PostgreSQL: every call is one parameterised statement on the transaction's
// connection (pg_connection.hpp). How to add a StoreTx method (the pattern every method
// follows):
//   1. where both backends can run the same statement, write it once in StoreTxOn
//      (storage/store_tx_on.cpp) in SQLite's notation through storage/backend_calls.hpp
//      (`rows(db_, "... ?1 ...", arg)`, `changed(...)`), reading rows with the record's reader
//      from storage/record_rows.hpp (`.all(read_record<R>)`, `.first(...)`); an insert is
//      `insert_sql` over the record's columns and fields() there;
//   2. otherwise declare the override below, in a block of its own named after the feature, and
//      implement it in a file of its own (storage/postgres/pg_<feature>.cpp, added to
//      server/CMakeLists.txt) as `c_.query("... $1 ...", arg)`, the SQL mirroring the SQLite
//      backend's with `ON CONFLICT ... DO NOTHING` for `INSERT OR IGNORE`;
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
#include "storage/store_tx_on.hpp"

namespace certrenew::server::pg {

// The calls both backends make alike come from StoreTxOn (storage/store_tx_on.cpp); these are
// PostgreSQL's own.
class PgTx final : public StoreTxOn<Connection> {
 public:
  explicit PgTx(Connection& connection)
      : StoreTxOn(connection), c_(connection), console_(connection, *this) {}

  std::int64_t next_sequence(std::string_view name) override;
  bool claim_nonce(std::string_view nonce, std::int64_t expires_at, std::int64_t now) override;

  std::optional<ApplicationRecord> application_by_id(std::int64_t id) override;
  std::optional<ApplicationRecord> application_by_business_no(std::string_view no) override;
  std::optional<ApplicationRecord> application_by_request(std::string_view sha256) override;
  std::optional<ApplicationRecord> open_application_for(std::string_view serial) override;

  void put_online_payment(const OnlinePaymentRecord& record) override;
  std::optional<OnlinePaymentRecord> online_payment(std::string_view id) override;

  std::optional<ApplicationRecord> renewal_of(std::string_view serial) override;
  IntakeLookup intake_lookup(const IntakeQuery& query) override;
  void record_certified_key(std::string_view fingerprint, std::string_view serial,
                            std::int64_t at) override;

  void put_revocation(const RevocationRecord& record) override;

  // Back-office console (issue 18): storage/console_tx_on.cpp.
  ConsoleTx& console() override { return console_; }

  // Issue 16 (clerk): one live online payment per application (pg_payment_links.cpp).
  std::vector<OnlinePaymentRecord> online_payments_of(std::int64_t application_id) override;
  void put_payment_link(const PaymentLinkRecord& record) override;
  std::optional<PaymentLinkRecord> payment_link(std::string_view payment_id) override;

 private:
  // The newest application matching `where` (with $1 = key), its row locked for this transaction.
  std::optional<ApplicationRecord> one_application(std::string_view where, std::string_view key);

  Connection& c_;
  PgConsoleTx console_;
};

}  // namespace certrenew::server::pg
