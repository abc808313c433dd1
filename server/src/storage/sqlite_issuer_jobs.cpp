#include "storage/sqlite_issuer_jobs.hpp"

#include "storage/lease_claim.hpp"
#include "storage/record_rows.hpp"

namespace certrenew::server::sqlite_issuer_jobs {

std::int64_t add(sqlite::Database& db, const IssuerJob& j) {
  return db.insert("issuer_jobs", kIssuerJobInsertColumns, issuer_job_values(j));
}

std::vector<IssuerJob> claim(sqlite::Database& db, std::string_view worker, std::int64_t now,
                             std::int64_t lease_until, int limit, std::int64_t only_id) {
  const std::string sql =
      lease_claim_sql(SqlDialect::sqlite, "issuer_jobs", kIssuerJobColumns, only_id > 0);
  auto stmt = only_id > 0 ? db.query(sql, worker, now, lease_until, limit, only_id)
                          : db.query(sql, worker, now, lease_until, limit);
  return stmt.all(read_issuer_job);
}

bool settle(sqlite::Database& db, std::int64_t id, std::string_view worker,
            const OutboxSettlement& s) {
  return db.execute(lease_settle_sql(SqlDialect::sqlite, "issuer_jobs", "finished_at"), id, worker,
                    s.state, s.attempts, s.next_attempt_at, s.last_error, s.sent_at) == 1;
}

std::vector<IssuerJob> of_application(sqlite::Database& db, std::int64_t application_id) {
  return db
      .query(select(kIssuerJobColumns, "FROM issuer_jobs WHERE application_id = ?1 ORDER BY id"),
             application_id)
      .all(read_issuer_job);
}

std::int64_t pending(sqlite::Database& db) {
  return *db.query("SELECT COUNT(*) FROM issuer_jobs WHERE state = 'pending'").first(read_integer);
}

}  // namespace certrenew::server::sqlite_issuer_jobs
