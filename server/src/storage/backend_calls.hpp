#pragma once
// The few calls in which the two backends' connections differ, as overloads on the connection, so
// that storage written once for both (ConsoleTxOn, console_tx_on.cpp) says each step once: its
// statements in SQLite's notation, run in the connection's; how many rows a write changed; how a
// statement of application_listing_sql.hpp runs; which error a write that changed nothing throws.

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "storage/application_listing_sql.hpp"
#include "storage/postgres/pg_connection.hpp"
#include "storage/record_rows.hpp"
#include "storage/sql_dialect.hpp"
#include "storage/sqlite.hpp"

namespace certrenew::server {

constexpr SqlDialect dialect_of(const sqlite::Database&) {
  return SqlDialect::sqlite;
}
constexpr SqlDialect dialect_of(const pg::Connection&) {
  return SqlDialect::postgres;
}

// A statement written in SQLite's notation (?1, ?2, ...; sql_dialect.hpp's numbered) run in the
// connection's dialect with `args` (or a tuple of them) bound: its rows, to read with .all(read)
// or .first(read) (e.g. read_record<R>, storage/record_rows.hpp).
template <typename... Args>
sqlite::Statement rows(sqlite::Database& db, std::string_view sql, const Args&... args) {
  return db.query(sql, args...);
}
template <typename... Args>
pg::Result rows(pg::Connection& db, std::string_view sql, const Args&... args) {
  return db.query(numbered(SqlDialect::postgres, sql), args...);
}

// The same for a statement that returns no row (INSERT, UPDATE, DELETE): how many rows it changed.
template <typename... Args>
std::int64_t changed(sqlite::Database& db, std::string_view sql, const Args&... args) {
  return db.execute(sql, args...);
}
template <typename... Args>
std::int64_t changed(pg::Connection& db, std::string_view sql, const Args&... args) {
  return rows(db, sql, args...).affected();
}

// The same for a write whose outcome nobody reads: run at once on SQLite; on PostgreSQL it goes
// with the next statement or the COMMIT (pg::Connection::defer), its failure thrown there.
template <typename... Args>
void deferred(sqlite::Database& db, std::string_view sql, const Args&... args) {
  db.execute(sql, args...);
}
template <typename... Args>
void deferred(pg::Connection& db, std::string_view sql, const Args&... args) {
  db.defer(numbered(SqlDialect::postgres, sql), args...);
}

// Reads that do not depend on one another, each with what takes its rows (a callable given the
// backend's rows, to read with .all(read) or .first(read)), and run(): on PostgreSQL they go in
// one pipeline after the deferred writes (pg::Connection::run_all), one round trip for all; on
// SQLite each runs as it is added. The takers have been called when run() returns.
template <typename Db>
class ReadBatch;

template <>
class ReadBatch<sqlite::Database> {
 public:
  explicit ReadBatch(sqlite::Database& db) : db_(db) {}
  template <typename Take, typename... Args>
  void add(Take take, std::string_view sql, const Args&... args) {
    auto statement = rows(db_, sql, args...);
    take(statement);
  }
  void run() {}

 private:
  sqlite::Database& db_;
};

template <>
class ReadBatch<pg::Connection> {
 public:
  explicit ReadBatch(pg::Connection& db) : db_(db) {}
  template <typename Take, typename... Args>
  void add(Take take, std::string_view sql, const Args&... args) {
    queries_.push_back(pg::Connection::make_query(numbered(SqlDialect::postgres, sql), args...));
    takers_.emplace_back(std::move(take));
  }
  void run() {
    std::vector<pg::Result> results = db_.run_all(std::move(queries_));
    queries_.clear();
    if (results.size() != takers_.size())  // run_all answers each query or throws
      throw std::logic_error("a pipeline of reads returned another number of results");
    for (std::size_t i = 0; i < results.size(); ++i) takers_[i](results[i]);
    takers_.clear();
  }

 private:
  pg::Connection& db_;
  std::vector<pg::Connection::Query> queries_;
  std::vector<std::function<void(const pg::Result&)>> takers_;
};

// The records of type `Record` that "SELECT <columns> <rest>" returns (a statement as rows()
// takes it), each read by read_record<Record> (storage/record_rows.hpp); the first of them.
template <typename Record, typename Db, typename... Args>
std::vector<Record> records(Db& db, std::string_view columns, std::string_view rest,
                            const Args&... args) {
  return rows(db, select(columns, rest), args...).all(read_record<Record>);
}
template <typename Record, typename Db, typename... Args>
std::optional<Record> record(Db& db, std::string_view columns, std::string_view rest,
                             const Args&... args) {
  return rows(db, select(columns, rest), args...).first(read_record<Record>);
}

// A statement of storage/application_listing_sql.hpp with its parameters, ready to read.
sqlite::Statement query(sqlite::Database& db, const SqlStatement& statement);
pg::Result query(pg::Connection& db, const SqlStatement& statement);

// Why a write that had to change one row changed none: the row is missing, or a condition of the
// statement refused it.
enum class Unchanged { missing, refused };

// Throws the backend's error for `why`: sqlite::Error with SQLITE_NOTFOUND or SQLITE_CONSTRAINT,
// pg::Error with SQLSTATE P0002 (no data found) or 23514 (check violation).
[[noreturn]] void throw_unchanged(const sqlite::Database& db, const std::string& what,
                                  Unchanged why);
[[noreturn]] void throw_unchanged(const pg::Connection& db, const std::string& what, Unchanged why);

}  // namespace certrenew::server
