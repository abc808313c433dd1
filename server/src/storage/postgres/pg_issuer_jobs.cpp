// The issuer's jobs (issue 22) on PostgreSQL; the SQL mirrors storage/sqlite_issuer_jobs.cpp.
#include "storage/lease_claim.hpp"
#include "storage/postgres/pg_store_tx.hpp"
#include "storage/record_rows.hpp"

namespace certrenew::server::pg {

std::int64_t PgTx::add_issuer_job(const IssuerJob& j) {
  return insert_keyed(c_, "issuer_jobs", kIssuerJobColumns, j);
}

std::vector<IssuerJob> PgTx::claim_issuer_jobs(std::string_view worker, std::int64_t now,
                                               std::int64_t lease_until, int limit,
                                               std::int64_t only_id) {
  return claim_leased(c_, kIssuerJobTable, worker, now, lease_until, limit, only_id);
}

bool PgTx::settle_issuer_job(std::int64_t id, std::string_view worker, const OutboxSettlement& s) {
  return settle_leased(c_, kIssuerJobTable, id, worker, s);
}

std::vector<IssuerJob> PgTx::issuer_jobs(std::int64_t application_id) {
  return leased_rows_of(c_, kIssuerJobTable, application_id);
}

std::int64_t PgTx::pending_issuer_jobs() {
  return c_.query("SELECT COUNT(*) FROM issuer_jobs WHERE state = 'pending'").integer(0, 0);
}

}  // namespace certrenew::server::pg
