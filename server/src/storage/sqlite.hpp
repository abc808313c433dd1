#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "storage/row_reader.hpp"
#include "storage/sql_dialect.hpp"

namespace certrenew::server::sqlite {

// A failed SQLite call, with SQLite's own message and the extended result code.
class Error : public std::runtime_error {
 public:
  Error(const std::string& what, int code) : std::runtime_error(what), code_(code) {}
  int code() const { return code_; }

 private:
  int code_;
};

class Statement;

// One connection. WAL journal, foreign keys on, a busy timeout so a second process (the admin
// command against a running server) waits instead of failing.
class Database {
 public:
  explicit Database(const std::filesystem::path& file);
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  void exec(std::string_view sql);  // statements without parameters or results
  // Each statement text is compiled once and kept (reset after each use), so a transaction does
  // not spend its time in SQLite's parser (issue 17, intake). A second use of the same text while
  // the first is still open gets a statement of its own.
  Statement prepare(std::string_view sql);
  // prepare(sql) with `args` bound to ?1, ?2, ... in order, ready to step or read.
  template <typename... Args>
  Statement query(std::string_view sql, const Args&... args);
  // A statement that returns no row (INSERT, UPDATE, DELETE), run once; how many rows it changed.
  template <typename... Args>
  int execute(std::string_view sql, const Args&... args);
  // The same with the arguments in a tuple (a record's values, storage/record_rows.hpp).
  template <typename... Args>
  Statement query(std::string_view sql, const std::tuple<Args...>& args);
  template <typename... Args>
  int execute(std::string_view sql, const std::tuple<Args...>& args);
  // Inserts a row of `values` into `columns` (insert_sql); the new row's id.
  template <typename... Args>
  std::int64_t insert(std::string_view table, std::string_view columns,
                      const std::tuple<Args...>& values) {
    execute(insert_sql(SqlDialect::sqlite, table, columns), values);
    return last_insert_rowid();
  }
  std::int64_t last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
  int changes() const { return sqlite3_changes(db_); }
  sqlite3* handle() const { return db_; }
  [[noreturn]] void fail(std::string_view what, int code) const;

 private:
  struct Kept {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, Kept> kept_;  // SQL text -> its compiled statement
};

// A prepared statement; bind by 1-based index, step, read columns by 0-based index.
class Statement {
 public:
  // `in_use`: the Database keeps the statement; this flag of its is cleared when this ends.
  Statement(Database& db, sqlite3_stmt* stmt, bool* in_use = nullptr)
      : db_(&db), stmt_(stmt), in_use_(in_use) {}
  Statement(Statement&& other) noexcept
      : db_(other.db_), stmt_(other.stmt_), in_use_(other.in_use_) {
    other.stmt_ = nullptr;
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const std::vector<std::uint8_t>& blob);
  Statement& bind_null(int index);
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }

  bool step();  // true while a row is available; false when done
  void run();   // steps once, expecting no row
  // Every row, each read by `read` (storage/record_rows.hpp); the first row, if any.
  template <typename Record>
  std::vector<Record> all(ReadRow<Record> read);
  template <typename Record>
  std::optional<Record> first(ReadRow<Record> read);

  std::int64_t column_int(int index) const;
  std::string column_text(int index) const;
  std::vector<std::uint8_t> column_blob(int index) const;
  bool column_is_null(int index) const;

 private:
  Database* db_;
  sqlite3_stmt* stmt_;
  bool* in_use_;
};

// The statement's current row, for the record readers.
class StatementRow final : public RowReader {
 public:
  explicit StatementRow(const Statement& stmt) : stmt_(stmt) {}

 private:
  std::int64_t integer_at(int column) const override { return stmt_.column_int(column); }
  std::string text_at(int column) const override { return stmt_.column_text(column); }
  std::vector<std::uint8_t> blob_at(int column) const override { return stmt_.column_blob(column); }
  bool null_at(int column) const override { return stmt_.column_is_null(column); }
  const Statement& stmt_;
};

template <typename Record>
std::vector<Record> Statement::all(ReadRow<Record> read) {
  std::vector<Record> out;
  while (step()) {
    StatementRow row(*this);
    out.push_back(read(row));
  }
  return out;
}

template <typename Record>
std::optional<Record> Statement::first(ReadRow<Record> read) {
  if (!step()) return std::nullopt;
  StatementRow row(*this);
  return read(row);
}

template <typename... Args>
Statement Database::query(std::string_view sql, const Args&... args) {
  Statement stmt = prepare(sql);
  int index = 0;
  (stmt.bind(++index, args), ...);
  return stmt;
}

template <typename... Args>
int Database::execute(std::string_view sql, const Args&... args) {
  query(sql, args...).run();
  return changes();
}

template <typename... Args>
Statement Database::query(std::string_view sql, const std::tuple<Args...>& args) {
  return std::apply([&](const auto&... each) { return query(sql, each...); }, args);
}

template <typename... Args>
int Database::execute(std::string_view sql, const std::tuple<Args...>& args) {
  return std::apply([&](const auto&... each) { return execute(sql, each...); }, args);
}

// BEGIN IMMEDIATE ... COMMIT, rolled back if not committed. Immediate so that two writers never
// deadlock upgrading read locks.
class Transaction {
 public:
  explicit Transaction(Database& db);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace certrenew::server::sqlite
