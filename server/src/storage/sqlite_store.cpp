#include <chrono>
#include <mutex>

#include "storage/migrations.hpp"
#include "storage/record_rows.hpp"
#include "storage/sqlite.hpp"
#include "storage/sqlite_console.hpp"
#include "storage/sqlite_payment_links.hpp"
#include "storage/store.hpp"
#include "storage/store_tx_on.hpp"

namespace certrenew::server {

namespace {

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// StoreTx on SQLite: the calls both backends make alike come from StoreTxOn (store_tx_on.cpp);
// these are SQLite's own.
class SqliteTx final : public StoreTxOn<sqlite::Database> {
 public:
  explicit SqliteTx(sqlite::Database& db) : StoreTxOn(db), console_(db, *this) {}

  std::int64_t next_sequence(std::string_view name) override {
    const auto value = db_.query(
                              "INSERT INTO sequences (name, value) VALUES (?1, 1) "
                              "ON CONFLICT (name) DO UPDATE SET value = value + 1 "
                              "RETURNING value",
                              name)
                           .first(read_integer);
    if (!value) throw sqlite::Error("sequence did not return a value", SQLITE_ERROR);
    return *value;
  }

  bool claim_nonce(std::string_view nonce, std::int64_t expires_at, std::int64_t now) override {
    db_.execute("DELETE FROM nonces WHERE expires_at < ?1", now);
    return db_.execute("INSERT OR IGNORE INTO nonces (nonce, expires_at) VALUES (?1, ?2)", nonce,
                       expires_at) == 1;
  }

  std::optional<ApplicationRecord> application_by_id(std::int64_t id) override {
    return db_.query(select(kApplicationColumns, "FROM applications WHERE id = ?1"), id)
        .first(read_record<ApplicationRecord>);
  }

  std::optional<ApplicationRecord> application_by_business_no(std::string_view no) override {
    return one_application("business_no = ?1", no);
  }

  std::optional<ApplicationRecord> application_by_request(std::string_view sha256) override {
    return one_application("request_sha256 = ?1", sha256);
  }

  std::optional<ApplicationRecord> open_application_for(std::string_view serial) override {
    return one_application(
        "old_cert_serial = ?1 AND state NOT IN ('completed', 'rejected', 'cancelled')", serial);
  }

  void put_online_payment(const OnlinePaymentRecord& p) override {
    db_.execute(
        "INSERT INTO online_payments (id, application_id, amount_fen, state, gateway_ref, "
        "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
        "ON CONFLICT (id) DO UPDATE SET state = ?4, gateway_ref = ?5, updated_at = ?7",
        p.id, p.application_id, p.amount_fen, p.state, p.gateway_ref, p.created_at, p.updated_at);
  }

  std::optional<OnlinePaymentRecord> online_payment(std::string_view id) override {
    return db_.query(select(kOnlinePaymentColumns, "FROM online_payments WHERE id = ?1"), id)
        .first(read_record<OnlinePaymentRecord>);
  }

  std::optional<ApplicationRecord> renewal_of(std::string_view serial) override {
    return one_application("old_cert_serial = ?1 AND state IN ('approved', 'completed')", serial);
  }

  IntakeLookup intake_lookup(const IntakeQuery& q) override {
    // One statement: the same request's application (its columns first, NULL when there is
    // none), then what renewal_of, revocation, key_certified, applications_since and
    // open_application_for would answer.
    const std::string sql =
        "WITH same_request AS (" +
        select(kApplicationColumns,
               "FROM applications WHERE request_sha256 = ?1 ORDER BY id DESC LIMIT 1") +
        ") SELECT same_request.*, "
        "(SELECT business_no FROM applications WHERE old_cert_serial = ?2 AND state IN "
        "('approved', 'completed') ORDER BY id DESC LIMIT 1), "
        "(SELECT revoked_at FROM revocations WHERE serial = ?2), "
        "EXISTS (SELECT 1 FROM certified_keys WHERE fingerprint = ?3), "
        "(SELECT COUNT(*) FROM applications WHERE old_cert_serial = ?2 AND created_at >= ?4), "
        "(SELECT business_no FROM applications WHERE old_cert_serial = ?2 AND state NOT IN "
        "('completed', 'rejected', 'cancelled') ORDER BY id DESC LIMIT 1) "
        "FROM (SELECT 1) LEFT JOIN same_request ON 1";
    const auto row = db_.query(sql, q.request_sha256, q.serial, q.key_fingerprint, q.since)
                         .first(read_intake_lookup);
    if (!row) throw sqlite::Error("intake lookup returned no row", SQLITE_ERROR);
    return *row;
  }

  void record_certified_key(std::string_view fingerprint, std::string_view serial,
                            std::int64_t at) override {
    db_.execute(
        "INSERT OR IGNORE INTO certified_keys (fingerprint, serial, certified_at) "
        "VALUES (?1, ?2, ?3)",
        fingerprint, serial, at);
  }

  void put_revocation(const RevocationRecord& r) override {
    db_.execute(
        insert_sql(SqlDialect::sqlite, "revocations", kRevocationColumns, "INSERT OR IGNORE INTO"),
        fields(r));
  }

  ConsoleTx& console() override { return console_; }  // issue 18: storage/console_tx_on.cpp

 private:
  std::optional<ApplicationRecord> one_application(std::string_view where, std::string_view key) {
    return db_
        .query(select(kApplicationColumns, "FROM applications WHERE " + std::string(where) +
                                               " ORDER BY id DESC LIMIT 1"),
               key)
        .first(read_record<ApplicationRecord>);
  }

  // Issue 16 (clerk): storage/sqlite_payment_links.cpp.
  std::vector<OnlinePaymentRecord> online_payments_of(std::int64_t application_id) override {
    return sqlite::online_payments_of(db_, application_id);
  }
  void put_payment_link(const PaymentLinkRecord& r) override { sqlite::put_payment_link(db_, r); }
  std::optional<PaymentLinkRecord> payment_link(std::string_view payment_id) override {
    return sqlite::payment_link(db_, payment_id);
  }

  // Issue 17 (ops): operability, the metrics endpoint's gauges (storage/sqlite_metrics.cpp).

  // Issue 21 (kmc): storage/escrow_storage.hpp.

  // Issue 22 (issuers): storage/sqlite_issuer_jobs.cpp.

  SqliteConsoleTx console_;
};

// A unique key refused the write: StoreConflict naming the rule, as the PostgreSQL backend says it.
StoreConflict conflict_from(const sqlite::Error& e) {
  using Rule = StoreConflict::Rule;
  const std::string what = e.what();
  const Rule rule =
      what.find("applications.old_cert_serial") != std::string::npos  ? Rule::one_open_application
      : what.find("applications.request_sha256") != std::string::npos ? Rule::same_request
                                                                      : Rule::other_unique;
  return StoreConflict(rule, what);
}

// Issue 17 (ops): how a failed SQLite call counts among the database errors. The file that can no
// longer be opened or read is SQLite's "connection"; everything else is "other".
DatabaseErrorKind error_kind(const sqlite::Error& e) {
  switch (e.code() & 0xff) {
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_NOTADB:
      return DatabaseErrorKind::connection;
    default:
      return DatabaseErrorKind::other;
  }
}

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(const std::filesystem::path& file) : db_(file) { migrate(); }

  void transact(const std::function<void(StoreTx&)>& work) override {
    // One connection and one writer: SQLite's own rule, kept inside this backend.
    std::lock_guard lock(mutex_);
    try {
      sqlite::Transaction tx(db_);
      SqliteTx store_tx(db_);
      work(store_tx);
      tx.commit();
    } catch (const sqlite::Error& e) {
      const bool unique =
          e.code() == SQLITE_CONSTRAINT_UNIQUE || e.code() == SQLITE_CONSTRAINT_PRIMARYKEY;
      error_counts_.add(unique ? DatabaseErrorKind::conflict : error_kind(e));
      if (unique) throw conflict_from(e);
      throw;
    }
  }

  int schema_version() override {
    std::lock_guard lock(mutex_);
    try {
      return current_version();
    } catch (const sqlite::Error& e) {
      error_counts_.add(error_kind(e));
      throw;
    }
  }

 private:
  int current_version() {
    return static_cast<int>(
        *db_.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").first(read_integer));
  }

  void migrate() {
    db_.exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
        "description TEXT NOT NULL, applied_at INTEGER NOT NULL)");
    const auto migrations = migrations_in(SqlDialect::sqlite);
    int have = current_version();
    if (!migrations.empty() && have > migrations.back().version) {
      throw sqlite::Error("the database schema (version " + std::to_string(have) +
                              ") is newer than this server understands (version " +
                              std::to_string(migrations.back().version) + ")",
                          SQLITE_MISMATCH);
    }
    for (const Migration& m : migrations) {
      if (m.version <= have) continue;
      sqlite::Transaction tx(db_);
      db_.exec(m.sql);
      db_.execute(
          "INSERT INTO schema_migrations (version, description, applied_at) VALUES (?1, ?2, ?3)",
          m.version, m.description, unix_now());
      tx.commit();
    }
  }

  std::mutex mutex_;
  sqlite::Database db_;
};

}  // namespace

std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& file) {
  return std::make_unique<SqliteStore>(file);
}

}  // namespace certrenew::server
