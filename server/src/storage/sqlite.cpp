#include "storage/sqlite.hpp"

namespace certrenew::server::sqlite {

namespace {

// Statements kept per connection at most; the store's are fixed texts, far fewer.
constexpr std::size_t kMaxKept = 256;

}  // namespace

Database::Database(const std::filesystem::path& file) {
  int rc =
      sqlite3_open_v2(file.string().c_str(), &db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw Error("cannot open database " + file.string() + ": " + msg, rc);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 5000);
  exec("PRAGMA journal_mode = WAL");
  exec("PRAGMA foreign_keys = ON");
  // FULL makes a commit durable in WAL mode too: a request is acknowledged only after it.
  exec("PRAGMA synchronous = FULL");
}

Database::~Database() {
  for (auto& [sql, kept] : kept_) sqlite3_finalize(kept.stmt);
  sqlite3_close_v2(db_);
}

void Database::fail(std::string_view what, int code) const {
  throw Error(std::string(what) + ": " + sqlite3_errmsg(db_), code);
}

void Database::exec(std::string_view sql) {
  std::string text(sql);
  char* message = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string msg = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    throw Error("SQL failed: " + msg, rc);
  }
}

Statement Database::prepare(std::string_view sql) {
  auto kept = kept_.find(std::string(sql));
  if (kept != kept_.end() && !kept->second.in_use) {
    kept->second.in_use = true;
    return Statement(*this, kept->second.stmt, &kept->second.in_use);
  }
  const bool keep = kept == kept_.end() && kept_.size() < kMaxKept;
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              keep ? SQLITE_PREPARE_PERSISTENT : 0, &stmt, nullptr);
  if (rc != SQLITE_OK) fail("cannot prepare SQL", rc);
  if (!keep) return Statement(*this, stmt);
  // Map nodes stay where they are when the map grows: the flag's address holds.
  Kept& entry = kept_.emplace(std::string(sql), Kept{stmt, true}).first->second;
  return Statement(*this, stmt, &entry.in_use);
}

Statement::~Statement() {
  if (stmt_ == nullptr) return;
  if (in_use_ == nullptr) {
    sqlite3_finalize(stmt_);
    return;
  }
  // The error of a failed step was reported by step(); reset returns it again.
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  *in_use_ = false;
}

Statement& Statement::bind(int index, std::int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) db_->fail("cannot bind an integer", rc);
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  int rc =
      sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) db_->fail("cannot bind text", rc);
  return *this;
}

Statement& Statement::bind(int index, const std::vector<std::uint8_t>& blob) {
  int rc = sqlite3_bind_blob64(stmt_, index, blob.data(), blob.size(), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) db_->fail("cannot bind a blob", rc);
  return *this;
}

Statement& Statement::bind_null(int index) {
  int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK) db_->fail("cannot bind NULL", rc);
  return *this;
}

bool Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  db_->fail("SQL step failed", rc);
}

void Statement::run() {
  if (step()) throw Error("SQL statement returned a row where none was expected", SQLITE_MISUSE);
}

std::int64_t Statement::column_int(int index) const {
  return sqlite3_column_int64(stmt_, index);
}

std::string Statement::column_text(int index) const {
  const unsigned char* text = sqlite3_column_text(stmt_, index);
  int size = sqlite3_column_bytes(stmt_, index);
  return text ? std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size))
              : std::string();
}

std::vector<std::uint8_t> Statement::column_blob(int index) const {
  const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_, index));
  int size = sqlite3_column_bytes(stmt_, index);
  return data ? std::vector<std::uint8_t>(data, data + size) : std::vector<std::uint8_t>();
}

bool Statement::column_is_null(int index) const {
  return sqlite3_column_type(stmt_, index) == SQLITE_NULL;
}

Transaction::Transaction(Database& db) : db_(db) {
  db_.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
  if (!done_) {
    try {
      db_.exec("ROLLBACK");
    } catch (...) {
      // The connection rolls back by itself when a statement failed mid-transaction.
    }
  }
}

void Transaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

}  // namespace certrenew::server::sqlite
