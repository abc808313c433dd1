#include "storage/sqlite_issuer_jobs.hpp"

#include "storage/lease_claim.hpp"
#include "storage/record_rows.hpp"

namespace certrenew::server::sqlite_issuer_jobs {

std::int64_t add(sqlite::Database& db, const IssuerJob& j) {
  return insert_keyed(db, "issuer_jobs", kIssuerJobColumns, j);
}

std::vector<IssuerJob> claim(sqlite::Database& db, std::string_view worker, std::int64_t now,
                             std::int64_t lease_until, int limit, std::int64_t only_id) {
  return claim_leased(db, kIssuerJobTable, worker, now, lease_until, limit, only_id);
}

bool settle(sqlite::Database& db, std::int64_t id, std::string_view worker,
            const OutboxSettlement& s) {
  return settle_leased(db, kIssuerJobTable, id, worker, s);
}

std::vector<IssuerJob> of_application(sqlite::Database& db, std::int64_t application_id) {
  return leased_rows_of(db, kIssuerJobTable, application_id);
}

std::int64_t pending(sqlite::Database& db) {
  return *db.query("SELECT COUNT(*) FROM issuer_jobs WHERE state = 'pending'").first(read_integer);
}

}  // namespace certrenew::server::sqlite_issuer_jobs
