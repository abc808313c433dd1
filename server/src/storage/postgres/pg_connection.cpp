#include "storage/postgres/pg_connection.hpp"

#include <spdlog/spdlog.h>

#include <charconv>

namespace certrenew::server::pg {

namespace {

// Type OIDs from PostgreSQL's catalog (pg_type.h is a server header, not in libpq-dev).
constexpr Oid kInt8 = 20;
constexpr Oid kText = 25;
constexpr Oid kBytea = 17;

// Statements prepared on one connection at most; the store's are fixed texts, far fewer.
constexpr std::size_t kMaxPrepared = 256;

}  // namespace

void Params::add(std::int64_t value) {
  values_.emplace_back(std::to_string(value));
  types_.push_back(kInt8);
  lengths_.push_back(0);
  formats_.push_back(0);
}

void Params::add(std::string_view text) {
  values_.emplace_back(std::string(text));
  types_.push_back(kText);
  lengths_.push_back(0);
  formats_.push_back(0);
}

void Params::add(const std::vector<std::uint8_t>& blob) {
  values_.emplace_back(std::string(blob.begin(), blob.end()));
  types_.push_back(kBytea);
  lengths_.push_back(static_cast<int>(blob.size()));
  formats_.push_back(1);
}

void Params::add_null() {
  values_.emplace_back(std::nullopt);
  types_.push_back(0);  // the server infers it from the context
  lengths_.push_back(0);
  formats_.push_back(0);
}

std::vector<const char*> Params::values() const {
  std::vector<const char*> out;
  out.reserve(values_.size());
  for (const auto& v : values_) out.push_back(v ? v->data() : nullptr);
  return out;
}

std::string Result::text(int row, int column) const {
  const char* value = PQgetvalue(result_.get(), row, column);
  return std::string(value, static_cast<std::size_t>(PQgetlength(result_.get(), row, column)));
}

std::int64_t Result::integer(int row, int column) const {
  const char* value = PQgetvalue(result_.get(), row, column);
  const char* end = value + PQgetlength(result_.get(), row, column);
  std::int64_t out = 0;
  auto [ptr, ec] = std::from_chars(value, end, out);
  if (ec != std::errc() || ptr != end) throw Error("column is not an integer", "22P02");
  return out;
}

std::vector<std::uint8_t> Result::blob(int row, int column) const {
  std::size_t size = 0;
  unsigned char* raw = PQunescapeBytea(
      reinterpret_cast<const unsigned char*>(PQgetvalue(result_.get(), row, column)), &size);
  if (!raw) throw Error("column is not bytea", "22P02");
  std::vector<std::uint8_t> out(raw, raw + size);
  PQfreemem(raw);
  return out;
}

std::int64_t Result::affected() const {
  const char* n = PQcmdTuples(result_.get());
  return *n ? std::stoll(n) : 0;
}

namespace {

// What PostgreSQL warns of (a migration step that could not do all it meant to, as step 11
// without the right to create pg_trgm) goes to the service's log, where operators read.
void log_warning(void*, const PGresult* result) {
  const char* message = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
  spdlog::warn("PostgreSQL: {}", message ? message : "(a warning without a message)");
}

}  // namespace

Connection::Connection(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
  if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
    std::string message = conn_ ? PQerrorMessage(conn_) : "out of memory";
    PQfinish(conn_);
    conn_ = nullptr;
    throw Error("cannot connect to PostgreSQL: " + message, "");
  }
  PQsetNoticeReceiver(conn_, log_warning, nullptr);
  // Times are Unix seconds in BIGINT columns; nothing depends on the session's zone or locale.
  // Notices ("relation already exists, skipping") are not errors and are not sent at all.
  script("SET client_encoding = 'UTF8'; SET client_min_messages = warning");
}

Connection::~Connection() {
  PQfinish(conn_);
}

Result Connection::check(PGresult* raw, std::string_view sql) {
  Result result(raw);
  check_status(raw, sql);
  return result;
}

void Connection::check_status(const PGresult* raw, std::string_view sql) const {
  const ExecStatusType status = PQresultStatus(raw);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
  const char* state = raw ? PQresultErrorField(raw, PG_DIAG_SQLSTATE) : nullptr;
  const char* constraint = raw ? PQresultErrorField(raw, PG_DIAG_CONSTRAINT_NAME) : nullptr;
  std::string message = raw ? PQresultErrorMessage(raw) : PQerrorMessage(conn_);
  while (!message.empty() && message.back() == '\n') message.pop_back();
  throw Error("SQL failed (" + std::string(sql.substr(0, 60)) + "...): " + message,
              state ? state : "", constraint ? constraint : "");
}

Result Connection::run(std::string_view sql, const Params& params) {
  if (!deferred_.empty()) {
    std::vector<Query> last;
    last.push_back({std::string(sql), params});
    return std::move(pipeline(std::move(last)).front());
  }
  std::string text(sql);
  const auto values = params.values();
  auto known = prepared_.find(text);
  if (known == prepared_.end() && prepared_.size() < kMaxPrepared) {
    // The types of this first call's parameters stay with the statement; a NULL's type (0) is
    // inferred from the statement, as it is for PQexecParams.
    std::string name = "s" + std::to_string(prepared_.size() + 1);
    check(PQprepare(conn_, name.c_str(), text.c_str(), params.size(), params.types()), sql);
    known = prepared_.emplace(std::move(text), std::move(name)).first;
  }
  if (known == prepared_.end())  // a connection with many statements: the rest unnamed
    return check(PQexecParams(conn_, text.c_str(), params.size(), params.types(), values.data(),
                              params.lengths(), params.formats(), 0),
                 sql);
  return check(PQexecPrepared(conn_, known->second.c_str(), params.size(), values.data(),
                              params.lengths(), params.formats(), 0),
               sql);
}

std::vector<Result> Connection::run_all(std::vector<Query> queries) {
  return pipeline(std::move(queries));
}

void Connection::flush() {
  if (!deferred_.empty()) pipeline({});
}

std::vector<Result> Connection::pipeline(std::vector<Query> wanted) {
  std::vector<Query> batch = std::move(deferred_);
  deferred_.clear();
  const std::size_t first_wanted = batch.size();
  for (auto& q : wanted) batch.push_back(std::move(q));
  if (batch.empty()) return {};
  if (PQenterPipelineMode(conn_) != 1)
    throw Error("cannot pipeline: " + std::string(PQerrorMessage(conn_)), "");
  // What each result the server sends back answers, in order: a statement's preparation (the
  // name it gets once that succeeded) or its execution (its index in `batch`).
  struct Expected {
    std::size_t statement;
    std::string prepared_name;  // non-empty: the result of preparing it under this name
  };
  std::vector<Expected> expected;
  std::unordered_map<std::string, std::string> preparing;  // prepared in this batch
  bool sent = true;
  for (std::size_t i = 0; i < batch.size() && sent; ++i) {
    const Query& st = batch[i];
    const Params& p = st.params;
    const auto values = p.values();
    std::string name;
    if (auto known = prepared_.find(st.sql); known != prepared_.end()) {
      name = known->second;
    } else if (auto pending = preparing.find(st.sql); pending != preparing.end()) {
      name = pending->second;
    } else if (prepared_.size() + preparing.size() < kMaxPrepared) {
      name = "s" + std::to_string(prepared_.size() + preparing.size() + 1);
      sent = PQsendPrepare(conn_, name.c_str(), st.sql.c_str(), p.size(), p.types()) == 1;
      expected.push_back({i, name});
      preparing.emplace(st.sql, name);
    }
    if (!sent) break;
    sent = name.empty() ? PQsendQueryParams(conn_, st.sql.c_str(), p.size(), p.types(),
                                            values.data(), p.lengths(), p.formats(), 0) == 1
                        : PQsendQueryPrepared(conn_, name.c_str(), p.size(), values.data(),
                                              p.lengths(), p.formats(), 0) == 1;
    expected.push_back({i, {}});
  }
  if (sent) sent = PQpipelineSync(conn_) == 1;
  // Every result is read, up to the sync, before anything is thrown: the connection is then ready
  // for the next call (or found broken). Two NULLs in a row: nothing more is coming.
  std::vector<Result> results;
  for (int nulls = 0; sent && nulls < 2;) {
    PGresult* raw = PQgetResult(conn_);
    if (!raw) {
      ++nulls;
      continue;
    }
    nulls = 0;
    if (PQresultStatus(raw) == PGRES_PIPELINE_SYNC) {
      PQclear(raw);
      break;
    }
    results.emplace_back(raw);
  }
  PQexitPipelineMode(conn_);
  if (!sent || results.size() != expected.size())
    throw Error("PostgreSQL pipeline failed: " + std::string(PQerrorMessage(conn_)), "");
  std::optional<Error> first_failure;
  std::vector<Result> out;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const std::string& sql = batch[expected[i].statement].sql;
    PGresult* raw = results[i].raw();
    const ExecStatusType status = PQresultStatus(raw);
    if (status == PGRES_PIPELINE_ABORTED) continue;  // after the first failure
    try {
      check_status(raw, sql);
    } catch (const Error& e) {
      if (!first_failure) first_failure = e;
      continue;
    }
    if (!expected[i].prepared_name.empty())
      prepared_.emplace(sql, expected[i].prepared_name);
    else if (expected[i].statement >= first_wanted)
      out.push_back(std::move(results[i]));
  }
  if (first_failure) throw *first_failure;
  return out;
}

void Connection::script(std::string_view sql) {
  const std::string text(sql);
  check(PQexec(conn_, text.c_str()), sql);
}

}  // namespace certrenew::server::pg
