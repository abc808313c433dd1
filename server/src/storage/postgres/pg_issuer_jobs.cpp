// The issuer's jobs (issue 22) on PostgreSQL; the SQL mirrors storage/sqlite_issuer_jobs.cpp.
#include <algorithm>

#include "storage/lease_claim.hpp"
#include "storage/postgres/pg_store_tx.hpp"
#include "storage/record_rows.hpp"

namespace certrenew::server::pg {

std::int64_t PgTx::add_issuer_job(const IssuerJob& j) {
  return c_.insert("issuer_jobs", kIssuerJobInsertColumns, issuer_job_values(j));
}

std::vector<IssuerJob> PgTx::claim_issuer_jobs(std::string_view worker, std::int64_t now,
                                               std::int64_t lease_until, int limit,
                                               std::int64_t only_id) {
  const std::string sql =
      lease_claim_sql(SqlDialect::postgres, "issuer_jobs", kIssuerJobColumns, only_id > 0);
  auto out = (only_id > 0 ? c_.query(sql, worker, now, lease_until, limit, only_id)
                          : c_.query(sql, worker, now, lease_until, limit))
                 .all(read_issuer_job);
  std::sort(out.begin(), out.end(), [](const IssuerJob& a, const IssuerJob& b) {
    return std::pair(a.next_attempt_at, a.id) < std::pair(b.next_attempt_at, b.id);
  });
  return out;
}

bool PgTx::settle_issuer_job(std::int64_t id, std::string_view worker, const OutboxSettlement& s) {
  return c_.query(lease_settle_sql(SqlDialect::postgres, "issuer_jobs", "finished_at"), id, worker,
                  s.state, s.attempts, s.next_attempt_at, s.last_error, s.sent_at)
             .affected() == 1;
}

std::vector<IssuerJob> PgTx::issuer_jobs(std::int64_t application_id) {
  return c_
      .query(select(kIssuerJobColumns, "FROM issuer_jobs WHERE application_id = $1 ORDER BY id"),
             application_id)
      .all(read_issuer_job);
}

std::int64_t PgTx::pending_issuer_jobs() {
  return c_.query("SELECT COUNT(*) FROM issuer_jobs WHERE state = 'pending'").integer(0, 0);
}

}  // namespace certrenew::server::pg
