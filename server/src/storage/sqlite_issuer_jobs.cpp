#include "storage/sqlite_issuer_jobs.hpp"

#include <string>

#include "storage/lease_claim.hpp"

namespace certrenew::server::sqlite_issuer_jobs {

namespace {

constexpr std::string_view kColumns =
    "id, application_id, kind, state, attempts, next_attempt_at, last_error, created_at, "
    "finished_at";

IssuerJob read_job(const sqlite::Statement& row) {
  IssuerJob j;
  j.id = row.column_int(0);
  j.application_id = row.column_int(1);
  j.kind = row.column_text(2);
  j.state = row.column_text(3);
  j.attempts = static_cast<int>(row.column_int(4));
  j.next_attempt_at = row.column_int(5);
  j.last_error = row.column_text(6);
  j.created_at = row.column_int(7);
  j.finished_at = row.column_int(8);
  return j;
}

std::vector<IssuerJob> read_jobs(sqlite::Statement& stmt) {
  std::vector<IssuerJob> out;
  while (stmt.step()) out.push_back(read_job(stmt));
  return out;
}

}  // namespace

std::int64_t add(sqlite::Database& db, const IssuerJob& j) {
  auto stmt = db.prepare(
      "INSERT INTO issuer_jobs (application_id, kind, state, attempts, next_attempt_at, "
      "last_error, created_at, finished_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  stmt.bind(1, j.application_id).bind(2, j.kind).bind(3, j.state);
  stmt.bind(4, std::int64_t{j.attempts}).bind(5, j.next_attempt_at).bind(6, j.last_error);
  stmt.bind(7, j.created_at).bind(8, j.finished_at);
  stmt.run();
  return db.last_insert_rowid();
}

std::vector<IssuerJob> claim(sqlite::Database& db, std::string_view worker, std::int64_t now,
                             std::int64_t lease_until, int limit, std::int64_t only_id) {
  auto stmt = db.prepare(lease_claim_sql(SqlDialect::sqlite, "issuer_jobs", kColumns, only_id > 0));
  stmt.bind(1, worker).bind(2, now).bind(3, lease_until).bind(4, std::int64_t{limit});
  if (only_id > 0) stmt.bind(5, only_id);
  return read_jobs(stmt);
}

bool settle(sqlite::Database& db, std::int64_t id, std::string_view worker,
            const OutboxSettlement& s) {
  auto stmt = db.prepare(lease_settle_sql(SqlDialect::sqlite, "issuer_jobs", "finished_at"));
  stmt.bind(1, id).bind(2, worker).bind(3, s.state).bind(4, std::int64_t{s.attempts});
  stmt.bind(5, s.next_attempt_at).bind(6, s.last_error).bind(7, s.sent_at);
  stmt.run();
  return db.changes() == 1;
}

std::vector<IssuerJob> of_application(sqlite::Database& db, std::int64_t application_id) {
  auto stmt = db.prepare("SELECT " + std::string(kColumns) +
                         " FROM issuer_jobs WHERE application_id = ?1 ORDER BY id");
  stmt.bind(1, application_id);
  return read_jobs(stmt);
}

std::int64_t pending(sqlite::Database& db) {
  auto stmt = db.prepare("SELECT COUNT(*) FROM issuer_jobs WHERE state = 'pending'");
  stmt.step();
  return stmt.column_int(0);
}

}  // namespace certrenew::server::sqlite_issuer_jobs
