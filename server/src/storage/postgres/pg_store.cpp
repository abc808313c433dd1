// Store on PostgreSQL: a small pool of connections, one transaction per transact() at READ
// COMMITTED, run again (a bounded number of times) after a serialization failure or deadlock, and
// the schema brought up to date at open under an advisory lock so instances starting together
// migrate once. The calls themselves are in pg_store_tx.cpp.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "storage/migrations.hpp"
#include "storage/postgres/pg_connection.hpp"
#include "storage/postgres/pg_store_tx.hpp"
#include "storage/store.hpp"

namespace certrenew::server {

namespace {

constexpr int kAttempts = 5;                         // per transaction, the first included
constexpr std::int64_t kMigrationLock = 0x43525231;  // "CRR1": pg_advisory_xact_lock's key

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

StoreConflict conflict_from(const pg::Error& e) {
  using Rule = StoreConflict::Rule;
  const Rule rule = e.constraint() == "applications_one_open_per_certificate"
                        ? Rule::one_open_application
                    : e.constraint() == "applications_request_sha256_key" ? Rule::same_request
                                                                          : Rule::other_unique;
  return StoreConflict(rule, e.what());
}

// Issue 17 (ops): how a failed statement counts among the database errors (database_errors.hpp).
// SQLSTATE class 08 is a connection exception; 57P01-57P03 are the server shutting down or not
// yet accepting connections; an error without SQLSTATE came from libpq, not from the server.
DatabaseErrorKind error_kind(const pg::Error& e, bool connection_broken) {
  if (e.unique_violation()) return DatabaseErrorKind::conflict;
  if (e.retryable()) return DatabaseErrorKind::serialization;
  const std::string& state = e.sqlstate();
  if (connection_broken || state.empty() || state.starts_with("08") || state == "57P01" ||
      state == "57P02" || state == "57P03")
    return DatabaseErrorKind::connection;
  return DatabaseErrorKind::other;
}

// Connections are opened on demand up to `max`, kept for reuse, and dropped when broken.
class ConnectionPool {
 public:
  ConnectionPool(std::string url, int max) : url_(std::move(url)), max_(max < 1 ? 1 : max) {}

  std::unique_ptr<pg::Connection> acquire() {
    std::unique_lock lock(mutex_);
    freed_.wait(lock, [&] { return !idle_.empty() || open_ < max_; });
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
    ++open_;
    lock.unlock();
    try {
      return std::make_unique<pg::Connection>(url_);
    } catch (...) {
      lock.lock();
      --open_;
      freed_.notify_one();
      throw;
    }
  }

  void release(std::unique_ptr<pg::Connection> c) {
    std::lock_guard lock(mutex_);
    if (c && !c->broken()) {
      idle_.push_back(std::move(c));
    } else {
      // One broken connection usually means the server restarted or failed over: the idle ones
      // were opened to it too, and each would fail its next caller. Drop them all now, so the
      // first transaction (or /readyz probe) after the database is back gets a new connection.
      open_ -= 1 + static_cast<int>(idle_.size());
      idle_.clear();
    }
    freed_.notify_all();
  }

 private:
  std::string url_;
  int max_;
  std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<pg::Connection>> idle_;
  int open_ = 0;
};

// A pooled connection for one transaction; back to the pool (or closed, if broken) at the end.
class Lease {
 public:
  explicit Lease(ConnectionPool& pool) : pool_(pool), c_(pool.acquire()) {}
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  ~Lease() { pool_.release(std::move(c_)); }
  pg::Connection& operator*() { return *c_; }
  pg::Connection* operator->() { return c_.get(); }
  void rollback() noexcept {
    if (c_) c_->discard_deferred();
    try {
      if (!c_->broken()) c_->script("ROLLBACK");
    } catch (...) {
      c_.reset();  // a connection that cannot roll back is not given to anyone else
    }
  }

 private:
  ConnectionPool& pool_;
  std::unique_ptr<pg::Connection> c_;
};

class PgStore final : public Store {
 public:
  PgStore(const std::string& url, int max_connections) : pool_(url, max_connections) { migrate(); }

  void transact(const std::function<void(StoreTx&)>& work) override {
    for (int attempt = 1;; ++attempt) {
      Lease c = lease();
      bool commit_sent = false;
      try {
        // BEGIN goes with the first statement, COMMIT with the writes still deferred: a
        // transaction costs no round trip beyond its statements' (issue 17).
        c->defer("BEGIN ISOLATION LEVEL READ COMMITTED");
        pg::PgTx tx(*c);
        work(tx);
        // A statement failed and `work` carried on: PostgreSQL would answer COMMIT with a
        // silent ROLLBACK, so say so instead of reporting success.
        if (c->transaction_failed())
          throw std::logic_error("a statement failed inside the transaction; nothing was stored");
        commit_sent = true;
        c->defer("COMMIT");
        c->flush();
        return;
      } catch (const pg::Error& e) {
        // A connection that broke before COMMIT was sent committed nothing (an idle pooled
        // connection after a database restart, a failover): run again on a new one. After COMMIT
        // was sent the outcome is unknown, so the error goes to the caller.
        const bool lost_before_commit = c->broken() && !commit_sent;
        error_counts_.add(error_kind(e, c->broken()));
        c.rollback();
        if ((e.retryable() || lost_before_commit) && attempt < kAttempts) {
          // Back off a little longer each time, so the transactions that collided spread out.
          std::this_thread::sleep_for(std::chrono::milliseconds(5 * attempt * attempt));
          continue;
        }
        if (e.unique_violation()) throw conflict_from(e);
        throw;
      } catch (...) {
        c.rollback();
        throw;
      }
    }
  }

  int schema_version() override {
    Lease c = lease();
    try {
      return static_cast<int>(
          c->query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").integer(0, 0));
    } catch (const pg::Error& e) {
      error_counts_.add(error_kind(e, c->broken()));
      throw;
    }
  }

 private:
  // A pooled connection; failing to open one counts as a connection error (issue 17, metrics).
  Lease lease() {
    try {
      return Lease(pool_);
    } catch (const pg::Error&) {
      error_counts_.add(DatabaseErrorKind::connection);
      throw;
    }
  }

  void migrate() {
    Lease c(pool_);
    try {
      c->script("BEGIN");
      c->query("SELECT pg_advisory_xact_lock($1)", kMigrationLock);
      c->script(
          "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
          "description TEXT NOT NULL, applied_at BIGINT NOT NULL)");
      const auto migrations = migrations_in(SqlDialect::postgres);
      const auto have = static_cast<int>(
          c->query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").integer(0, 0));
      if (!migrations.empty() && have > migrations.back().version) {
        throw pg::Error("the database schema (version " + std::to_string(have) +
                            ") is newer than this server understands (version " +
                            std::to_string(migrations.back().version) + ")",
                        "");
      }
      for (const Migration& m : migrations) {
        if (m.version <= have) continue;
        c->script(m.sql);
        c->query(
            "INSERT INTO schema_migrations (version, description, applied_at) VALUES ($1, $2, $3)",
            m.version, m.description, unix_now());
      }
      c->script("COMMIT");
    } catch (...) {
      c.rollback();
      throw;
    }
  }

  ConnectionPool pool_;
};

}  // namespace

std::unique_ptr<Store> open_postgres_store(const std::string& url, int max_connections) {
  return std::make_unique<PgStore>(url, max_connections);
}

}  // namespace certrenew::server
