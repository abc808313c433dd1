#pragma once
// A thin, typed layer over libpq: one connection, statements with parameters ($1, $2, ...) bound
// from C++ values, results read by row and column. Parameters never become SQL text, so nothing a
// client sends can change a statement.

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "storage/row_reader.hpp"
#include "storage/sql_dialect.hpp"

namespace certrenew::server::pg {

// A failed call, with PostgreSQL's SQLSTATE (empty when the connection itself failed) and, for a
// constraint violation, the constraint's name.
class Error : public std::runtime_error {
 public:
  Error(const std::string& what, std::string sqlstate, std::string constraint = {})
      : std::runtime_error(what),
        sqlstate_(std::move(sqlstate)),
        constraint_(std::move(constraint)) {}
  const std::string& sqlstate() const { return sqlstate_; }
  const std::string& constraint() const { return constraint_; }
  bool unique_violation() const { return sqlstate_ == "23505"; }
  // Worth running the whole transaction again: serialization failure, deadlock.
  bool retryable() const { return sqlstate_ == "40001" || sqlstate_ == "40P01"; }

 private:
  std::string sqlstate_;
  std::string constraint_;
};

// The values of one statement's parameters, in order. Integers and text go as text, blobs as
// binary (bytea); std::nullopt is NULL.
class Params {
 public:
  void add(std::int64_t value);
  void add(int value) { add(std::int64_t{value}); }
  void add(std::string_view text);
  void add(const std::string& text) { add(std::string_view(text)); }
  void add(const char* text) { add(std::string_view(text)); }
  void add(const std::vector<std::uint8_t>& blob);
  void add_null();
  template <typename T>
  void add(const std::optional<T>& value) {
    if (value)
      add(*value);
    else
      add_null();
  }

  int size() const { return static_cast<int>(values_.size()); }
  const Oid* types() const { return types_.data(); }
  std::vector<const char*> values() const;
  const int* lengths() const { return lengths_.data(); }
  const int* formats() const { return formats_.data(); }

 private:
  std::vector<std::optional<std::string>> values_;
  std::vector<Oid> types_;
  std::vector<int> lengths_;
  std::vector<int> formats_;
};

// A statement's rows (text format). Columns by 0-based index.
class Result {
 public:
  explicit Result(PGresult* result) : result_(result, &PQclear) {}
  int rows() const { return PQntuples(result_.get()); }
  bool empty() const { return rows() == 0; }
  bool is_null(int row, int column) const { return PQgetisnull(result_.get(), row, column) != 0; }
  std::string text(int row, int column) const;
  std::int64_t integer(int row, int column) const;
  std::vector<std::uint8_t> blob(int row, int column) const;
  // Rows changed by INSERT/UPDATE/DELETE.
  std::int64_t affected() const;
  PGresult* raw() const { return result_.get(); }
  // Every row, each read by `read` (storage/record_rows.hpp); the first row, if any.
  template <typename Record>
  std::vector<Record> all(ReadRow<Record> read) const;
  template <typename Record>
  std::optional<Record> first(ReadRow<Record> read) const;

 private:
  std::unique_ptr<PGresult, decltype(&PQclear)> result_;
};

// One row of a Result, for the record readers.
class ResultRow final : public RowReader {
 public:
  ResultRow(const Result& result, int row) : result_(result), row_(row) {}

 private:
  std::int64_t integer_at(int column) const override { return result_.integer(row_, column); }
  std::string text_at(int column) const override { return result_.text(row_, column); }
  std::vector<std::uint8_t> blob_at(int column) const override {
    return result_.blob(row_, column);
  }
  bool null_at(int column) const override { return result_.is_null(row_, column); }
  const Result& result_;
  int row_;
};

template <typename Record>
std::vector<Record> Result::all(ReadRow<Record> read) const {
  std::vector<Record> out;
  for (int i = 0; i < rows(); ++i) {
    ResultRow row(*this, i);
    out.push_back(read(row));
  }
  return out;
}

template <typename Record>
std::optional<Record> Result::first(ReadRow<Record> read) const {
  if (empty()) return std::nullopt;
  ResultRow row(*this, 0);
  return read(row);
}

class Connection {
 public:
  // `url`: a libpq connection URI or key=value string. Throws Error when it cannot connect; the
  // message leaves the URI out (it may carry a password).
  explicit Connection(const std::string& url);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // One statement with parameters: query("SELECT ... WHERE id = $1", id).
  template <typename... Args>
  Result query(std::string_view sql, const Args&... args) {
    Params params;
    (params.add(args), ...);
    return run(sql, params);
  }
  // The same with the arguments in a tuple (a record's values, storage/record_rows.hpp).
  template <typename... Args>
  Result query(std::string_view sql, const std::tuple<Args...>& args) {
    return std::apply([&](const auto&... each) { return query(sql, each...); }, args);
  }
  // Each statement is prepared once per connection, on its first use, and executed by name from
  // then on: PostgreSQL parses and plans it once, not on every call (issue 17, intake on a busy
  // server). Connections are not shared through a transaction-pooling proxy.
  Result run(std::string_view sql, const Params& params);
  // A statement whose rows nobody reads (BEGIN, an INSERT whose outcome only matters if it
  // fails): it goes to the server with the next run() or flush(), in one pipeline, so it costs
  // no round trip of its own (issue 17). Its failure is thrown by that call.
  template <typename... Args>
  void defer(std::string_view sql, const Args&... args) {
    deferred_.push_back(make_query(sql, args...));
  }
  // Inserts a row of `values` into `columns` (insert_sql); the new row's id.
  template <typename... Args>
  std::int64_t insert(std::string_view table, std::string_view columns,
                      const std::tuple<Args...>& values) {
    return query(insert_sql(SqlDialect::postgres, table, columns) + " RETURNING id", values)
        .integer(0, 0);
  }
  template <typename... Args>
  void defer(std::string_view sql, const std::tuple<Args...>& args) {
    std::apply([&](const auto&... each) { defer(sql, each...); }, args);
  }
  // A statement with its parameters, for run_all.
  struct Query {
    std::string sql;
    Params params;
  };
  template <typename... Args>
  static Query make_query(std::string_view sql, const Args&... args) {
    Params params;
    (params.add(args), ...);
    return {std::string(sql), std::move(params)};
  }
  // Statements that do not depend on one another's results, sent after what was deferred in one
  // pipeline: one round trip for all of them (issue 17: an application's view). Their results,
  // in order; the first failure is thrown once every result has been read.
  std::vector<Result> run_all(std::vector<Query> queries);
  // Sends what was deferred and waits for it (COMMIT deferred last: one round trip to commit).
  void flush();
  // Forgets what was deferred and not yet sent (the transaction is being rolled back).
  void discard_deferred() { deferred_.clear(); }
  // Several statements without parameters (migrations, BEGIN/COMMIT).
  void script(std::string_view sql);
  bool broken() const { return PQstatus(conn_) != CONNECTION_OK; }
  // A statement failed inside the open transaction: COMMIT would only roll it back.
  bool transaction_failed() const { return PQtransactionStatus(conn_) == PQTRANS_INERROR; }

 private:
  Result check(PGresult* result, std::string_view sql);
  // Throws Error unless `result` succeeded.
  void check_status(const PGresult* result, std::string_view sql) const;
  // The deferred statements and then `wanted` in one pipeline; the results of `wanted`.
  std::vector<Result> pipeline(std::vector<Query> wanted);
  std::vector<Query> deferred_;
  PGconn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;  // SQL text -> statement name
};

}  // namespace certrenew::server::pg
