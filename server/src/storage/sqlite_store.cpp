#include <chrono>
#include <mutex>

#include "storage/migrations.hpp"
#include "storage/sqlite.hpp"
#include "storage/sqlite_console.hpp"
#include "storage/sqlite_escrow.hpp"
#include "storage/sqlite_issuer_jobs.hpp"
#include "storage/sqlite_metrics.hpp"
#include "storage/sqlite_notify.hpp"
#include "storage/sqlite_payment_links.hpp"
#include "storage/store.hpp"

namespace certrenew::server {

namespace {

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

constexpr std::string_view kApplicationColumns =
    "id, business_no, order_no, request_sha256, state, payment_state, old_cert_serial, "
    "old_cert_der, old_not_after, csr_der, period_months, total_fen, form_json, "
    "agreement_version, agreement_sha256, reject_reason, new_cert_der, created_at, updated_at, "
    "subject, operator_name";
constexpr int kApplicationColumnCount = 21;  // columns after these are numbered from here

ApplicationRecord read_application(const sqlite::Statement& row) {
  ApplicationRecord r;
  r.id = row.column_int(0);
  r.business_no = row.column_text(1);
  r.order_no = row.column_text(2);
  r.request_sha256 = row.column_text(3);
  r.state = row.column_text(4);
  r.payment_state = row.column_text(5);
  r.old_cert_serial = row.column_text(6);
  r.old_cert_der = row.column_blob(7);
  r.old_not_after = row.column_int(8);
  r.csr_der = row.column_blob(9);
  r.period_months = static_cast<int>(row.column_int(10));
  r.total_fen = row.column_int(11);
  r.form_json = row.column_text(12);
  r.agreement_version = row.column_text(13);
  r.agreement_sha256 = row.column_text(14);
  if (!row.column_is_null(15)) r.reject_reason = row.column_text(15);
  if (!row.column_is_null(16)) r.new_cert_der = row.column_blob(16);
  r.created_at = row.column_int(17);
  r.updated_at = row.column_int(18);
  r.subject = row.column_is_null(19) ? "" : row.column_text(19);
  r.operator_name = row.column_is_null(20) ? "" : row.column_text(20);
  return r;
}

constexpr std::string_view kRevocationSelect =
    "SELECT serial, revoked_at, reason, business_no, recorded_at FROM revocations";

RevocationRecord read_revocation(const sqlite::Statement& row) {
  return {row.column_text(0), row.column_int(1), row.column_text(2), row.column_text(3),
          row.column_int(4)};
}

class SqliteTx final : public StoreTx {
 public:
  explicit SqliteTx(sqlite::Database& db) : db_(db), console_(db, *this) {}

  std::int64_t next_sequence(std::string_view name) override {
    auto stmt = db_.prepare(
        "INSERT INTO sequences (name, value) VALUES (?1, 1) "
        "ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value");
    stmt.bind(1, name);
    if (!stmt.step()) throw sqlite::Error("sequence did not return a value", SQLITE_ERROR);
    return stmt.column_int(0);
  }

  bool claim_nonce(std::string_view nonce, std::int64_t expires_at, std::int64_t now) override {
    db_.prepare("DELETE FROM nonces WHERE expires_at < ?1").bind(1, now).run();
    auto stmt = db_.prepare("INSERT OR IGNORE INTO nonces (nonce, expires_at) VALUES (?1, ?2)");
    stmt.bind(1, nonce).bind(2, expires_at).run();
    return db_.changes() == 1;
  }

  std::int64_t insert_application(const ApplicationRecord& r) override {
    auto stmt = db_.prepare(
        "INSERT INTO applications (business_no, order_no, request_sha256, state, payment_state, "
        "old_cert_serial, old_cert_der, old_not_after, csr_der, period_months, total_fen, "
        "form_json, agreement_version, agreement_sha256, reject_reason, new_cert_der, "
        "created_at, updated_at, subject, operator_name) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
        "?19, ?20)");
    stmt.bind(1, r.business_no).bind(2, r.order_no).bind(3, r.request_sha256).bind(4, r.state);
    stmt.bind(5, r.payment_state).bind(6, r.old_cert_serial).bind(7, r.old_cert_der);
    stmt.bind(8, r.old_not_after).bind(9, r.csr_der).bind(10, std::int64_t{r.period_months});
    stmt.bind(11, r.total_fen).bind(12, r.form_json).bind(13, r.agreement_version);
    stmt.bind(14, r.agreement_sha256).bind(15, r.reject_reason).bind(16, r.new_cert_der);
    stmt.bind(17, r.created_at).bind(18, r.updated_at).bind(19, r.subject);
    stmt.bind(20, r.operator_name);
    stmt.run();
    return db_.last_insert_rowid();
  }

  void update_application(const ApplicationRecord& r) override {
    auto stmt = db_.prepare(
        "UPDATE applications SET state = ?2, payment_state = ?3, reject_reason = ?4, "
        "new_cert_der = ?5, updated_at = ?6 WHERE id = ?1");
    stmt.bind(1, r.id).bind(2, r.state).bind(3, r.payment_state).bind(4, r.reject_reason);
    stmt.bind(5, r.new_cert_der).bind(6, r.updated_at);
    stmt.run();
    if (db_.changes() != 1) throw sqlite::Error("no application with that id", SQLITE_NOTFOUND);
  }

  std::optional<ApplicationRecord> application_by_id(std::int64_t id) override {
    auto stmt = db_.prepare(std::string("SELECT ") + std::string(kApplicationColumns) +
                            " FROM applications WHERE id = ?1");
    stmt.bind(1, id);
    if (!stmt.step()) return std::nullopt;
    return read_application(stmt);
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

  std::vector<ApplicationRecord> list_applications(std::string_view state, int limit,
                                                   int offset) override {
    auto stmt = db_.prepare(std::string("SELECT ") + std::string(kApplicationColumns) +
                            " FROM applications WHERE (?1 = '' OR state = ?1) "
                            "ORDER BY created_at DESC, id DESC LIMIT ?2 OFFSET ?3");
    stmt.bind(1, state).bind(2, std::int64_t{limit}).bind(3, std::int64_t{offset});
    std::vector<ApplicationRecord> out;
    while (stmt.step()) out.push_back(read_application(stmt));
    return out;
  }

  void replace_bank_transfers(std::int64_t application_id,
                              const std::vector<BankTransferRecord>& records) override {
    db_.prepare("DELETE FROM bank_transfers WHERE application_id = ?1")
        .bind(1, application_id)
        .run();
    for (const auto& t : records) {
      auto stmt = db_.prepare(
          "INSERT INTO bank_transfers (application_id, payer_account, payer_name, amount_fen, "
          "paid_on, remarks) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
      stmt.bind(1, application_id).bind(2, t.payer_account).bind(3, t.payer_name);
      stmt.bind(4, t.amount_fen).bind(5, t.paid_on).bind(6, t.remarks);
      stmt.run();
    }
  }

  std::vector<BankTransferRecord> bank_transfers(std::int64_t application_id) override {
    auto stmt = db_.prepare(
        "SELECT id, payer_account, payer_name, amount_fen, paid_on, remarks FROM bank_transfers "
        "WHERE application_id = ?1 ORDER BY id");
    stmt.bind(1, application_id);
    std::vector<BankTransferRecord> out;
    while (stmt.step()) {
      out.push_back({stmt.column_int(0), stmt.column_text(1), stmt.column_text(2),
                     stmt.column_int(3), stmt.column_text(4), stmt.column_text(5)});
    }
    return out;
  }

  void put_online_payment(const OnlinePaymentRecord& p) override {
    auto stmt = db_.prepare(
        "INSERT INTO online_payments (id, application_id, amount_fen, state, gateway_ref, "
        "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
        "ON CONFLICT (id) DO UPDATE SET state = ?4, gateway_ref = ?5, updated_at = ?7");
    stmt.bind(1, p.id).bind(2, p.application_id).bind(3, p.amount_fen).bind(4, p.state);
    stmt.bind(5, p.gateway_ref).bind(6, p.created_at).bind(7, p.updated_at);
    stmt.run();
  }

  std::optional<OnlinePaymentRecord> online_payment(std::string_view id) override {
    auto stmt = db_.prepare(
        "SELECT id, application_id, amount_fen, state, gateway_ref, created_at, updated_at "
        "FROM online_payments WHERE id = ?1");
    stmt.bind(1, id);
    if (!stmt.step()) return std::nullopt;
    return OnlinePaymentRecord{stmt.column_text(0), stmt.column_int(1),  stmt.column_int(2),
                               stmt.column_text(3), stmt.column_text(4), stmt.column_int(5),
                               stmt.column_int(6)};
  }

  std::optional<ApplicationRecord> renewal_of(std::string_view serial) override {
    return one_application("old_cert_serial = ?1 AND state IN ('approved', 'completed')", serial);
  }

  IntakeLookup intake_lookup(const IntakeQuery& q) override {
    // One statement: the same request's application (its columns first, NULL when there is
    // none), then what renewal_of, revocation, key_certified, applications_since and
    // open_application_for would answer.
    auto stmt = db_.prepare(
        std::string("WITH same_request AS (SELECT ") + std::string(kApplicationColumns) +
        " FROM applications WHERE request_sha256 = ?1 ORDER BY id DESC LIMIT 1) "
        "SELECT same_request.*, "
        "(SELECT business_no FROM applications WHERE old_cert_serial = ?2 AND state IN "
        "('approved', 'completed') ORDER BY id DESC LIMIT 1), "
        "(SELECT revoked_at FROM revocations WHERE serial = ?2), "
        "EXISTS (SELECT 1 FROM certified_keys WHERE fingerprint = ?3), "
        "(SELECT COUNT(*) FROM applications WHERE old_cert_serial = ?2 AND created_at >= ?4), "
        "(SELECT business_no FROM applications WHERE old_cert_serial = ?2 AND state NOT IN "
        "('completed', 'rejected', 'cancelled') ORDER BY id DESC LIMIT 1) "
        "FROM (SELECT 1) LEFT JOIN same_request ON 1");
    stmt.bind(1, q.request_sha256).bind(2, q.serial).bind(3, q.key_fingerprint).bind(4, q.since);
    if (!stmt.step()) throw sqlite::Error("intake lookup returned no row", SQLITE_ERROR);
    IntakeLookup out;
    if (!stmt.column_is_null(0)) out.same_request = read_application(stmt);
    const int after = kApplicationColumnCount;  // the lookups follow the application
    if (!stmt.column_is_null(after)) out.renewed_by = stmt.column_text(after);
    if (!stmt.column_is_null(after + 1)) out.revoked_at = stmt.column_int(after + 1);
    out.key_certified = stmt.column_int(after + 2) != 0;
    out.applications_since = stmt.column_int(after + 3);
    if (!stmt.column_is_null(after + 4)) out.open_business_no = stmt.column_text(after + 4);
    return out;
  }

  std::int64_t applications_since(std::string_view serial, std::int64_t since) override {
    auto stmt = db_.prepare(
        "SELECT COUNT(*) FROM applications WHERE old_cert_serial = ?1 AND created_at >= ?2");
    stmt.bind(1, serial).bind(2, since);
    stmt.step();
    return stmt.column_int(0);
  }

  bool key_certified(std::string_view fingerprint) override {
    auto stmt = db_.prepare("SELECT 1 FROM certified_keys WHERE fingerprint = ?1");
    stmt.bind(1, fingerprint);
    return stmt.step();
  }

  void record_certified_key(std::string_view fingerprint, std::string_view serial,
                            std::int64_t at) override {
    auto stmt = db_.prepare(
        "INSERT OR IGNORE INTO certified_keys (fingerprint, serial, certified_at) "
        "VALUES (?1, ?2, ?3)");
    stmt.bind(1, fingerprint).bind(2, serial).bind(3, at).run();
  }

  void put_revocation(const RevocationRecord& r) override {
    auto stmt = db_.prepare(
        "INSERT OR IGNORE INTO revocations (serial, revoked_at, reason, business_no, recorded_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5)");
    stmt.bind(1, r.serial_hex).bind(2, r.revoked_at).bind(3, r.reason).bind(4, r.business_no);
    stmt.bind(5, r.recorded_at).run();
  }

  std::optional<RevocationRecord> revocation(std::string_view serial) override {
    auto stmt = db_.prepare(std::string(kRevocationSelect) + " WHERE serial = ?1");
    stmt.bind(1, serial);
    if (!stmt.step()) return std::nullopt;
    return read_revocation(stmt);
  }

  std::vector<RevocationRecord> revocations_in_effect(std::int64_t at) override {
    auto stmt = db_.prepare(std::string(kRevocationSelect) +
                            " WHERE revoked_at <= ?1 ORDER BY revoked_at, serial");
    stmt.bind(1, at);
    std::vector<RevocationRecord> out;
    while (stmt.step()) out.push_back(read_revocation(stmt));
    return out;
  }

  std::optional<std::int64_t> next_revocation_after(std::int64_t at) override {
    auto stmt = db_.prepare("SELECT MIN(revoked_at) FROM revocations WHERE revoked_at > ?1");
    stmt.bind(1, at);
    if (!stmt.step() || stmt.column_is_null(0)) return std::nullopt;
    return stmt.column_int(0);
  }

  void append_event(std::int64_t application_id, const EventRecord& e) override {
    auto stmt = db_.prepare(
        "INSERT INTO events (application_id, at, actor, kind, detail) VALUES (?1, ?2, ?3, ?4, ?5)");
    stmt.bind(1, application_id).bind(2, e.at).bind(3, e.actor).bind(4, e.kind).bind(5, e.detail);
    stmt.run();
  }

  std::vector<EventRecord> events(std::int64_t application_id) override {
    auto stmt = db_.prepare(
        "SELECT at, actor, kind, detail FROM events WHERE application_id = ?1 ORDER BY id");
    stmt.bind(1, application_id);
    std::vector<EventRecord> out;
    while (stmt.step()) {
      out.push_back(
          {stmt.column_int(0), stmt.column_text(1), stmt.column_text(2), stmt.column_text(3)});
    }
    return out;
  }

  // --- Notifications (issue 19): storage/sqlite_notify.cpp ---
  bool add_outbox_message(const OutboxMessage& message) override {
    return sqlite_notify::add_outbox_message(db_, message);
  }
  std::vector<OutboxMessage> claim_outbox_messages(std::string_view worker, std::int64_t now,
                                                   std::int64_t lease_until, int limit) override {
    return sqlite_notify::claim_outbox_messages(db_, worker, now, lease_until, limit);
  }
  bool settle_outbox_message(std::int64_t id, std::string_view worker,
                             const OutboxSettlement& settlement) override {
    return sqlite_notify::settle_outbox_message(db_, id, worker, settlement);
  }
  std::vector<OutboxMessage> outbox_messages(std::int64_t application_id) override {
    return sqlite_notify::outbox_messages(db_, application_id);
  }
  void watch_certificate(const WatchedCertificate& certificate) override {
    sqlite_notify::watch_certificate(db_, certificate);
  }
  std::vector<WatchedCertificate> certificates_expiring(std::int64_t now,
                                                        std::int64_t by) override {
    return sqlite_notify::certificates_expiring(db_, now, by);
  }
  ConsoleTx& console() override { return console_; }  // issue 18: storage/sqlite_console.cpp

 private:
  std::optional<ApplicationRecord> one_application(std::string_view where, std::string_view key) {
    auto stmt =
        db_.prepare(std::string("SELECT ") + std::string(kApplicationColumns) +
                    " FROM applications WHERE " + std::string(where) + " ORDER BY id DESC LIMIT 1");
    stmt.bind(1, key);
    if (!stmt.step()) return std::nullopt;
    return read_application(stmt);
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
  std::map<std::string, std::int64_t> application_counts_by_state() override {
    return sqlite::application_counts_by_state(db_);
  }

  // Issue 21 (kmc): storage/sqlite_escrow.cpp.
  void put_encryption_request(std::int64_t application_id, const Blob& certificate,
                              std::int64_t at) override {
    sqlite::put_encryption_request(db_, application_id, certificate, at);
  }
  std::optional<Blob> encryption_request(std::int64_t application_id) override {
    return sqlite::encryption_request(db_, application_id);
  }
  void put_escrowed_key(const EscrowedKeyRecord& r) override { sqlite::put_escrowed_key(db_, r); }
  std::optional<EscrowedKeyRecord> escrowed_key(std::string_view serial_hex) override {
    return sqlite::escrowed_key(db_, serial_hex);
  }
  std::optional<EscrowedKeyRecord> escrowed_key_of(std::int64_t application_id) override {
    return sqlite::escrowed_key_of(db_, application_id);
  }
  std::vector<EscrowedKeyRecord> escrowed_keys_for_subject(const Blob& subject_der) override {
    return sqlite::escrowed_keys_for_subject(db_, subject_der);
  }
  bool add_key_recovery(const KeyRecoveryRecord& r) override {
    return sqlite::add_key_recovery(db_, r);
  }
  std::vector<KeyRecoveryRecord> key_recoveries(std::int64_t application_id) override {
    return sqlite::key_recoveries(db_, application_id);
  }

  // Issue 22 (issuers): storage/sqlite_issuer_jobs.cpp.
  std::int64_t add_issuer_job(const IssuerJob& job) override {
    return sqlite_issuer_jobs::add(db_, job);
  }
  std::vector<IssuerJob> claim_issuer_jobs(std::string_view worker, std::int64_t now,
                                           std::int64_t lease_until, int limit,
                                           std::int64_t only_id) override {
    return sqlite_issuer_jobs::claim(db_, worker, now, lease_until, limit, only_id);
  }
  bool settle_issuer_job(std::int64_t id, std::string_view worker,
                         const OutboxSettlement& settlement) override {
    return sqlite_issuer_jobs::settle(db_, id, worker, settlement);
  }
  std::vector<IssuerJob> issuer_jobs(std::int64_t application_id) override {
    return sqlite_issuer_jobs::of_application(db_, application_id);
  }
  std::int64_t pending_issuer_jobs() override { return sqlite_issuer_jobs::pending(db_); }

  sqlite::Database& db_;
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
    auto stmt = db_.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    stmt.step();
    return static_cast<int>(stmt.column_int(0));
  }

  void migrate() {
    db_.exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
        "description TEXT NOT NULL, applied_at INTEGER NOT NULL)");
    const auto migrations = sqlite_migrations();
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
      auto stmt = db_.prepare(
          "INSERT INTO schema_migrations (version, description, applied_at) VALUES (?1, ?2, ?3)");
      stmt.bind(1, std::int64_t{m.version}).bind(2, m.description).bind(3, unix_now()).run();
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
