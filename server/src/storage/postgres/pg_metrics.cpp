// Issue 17 (ops): the PostgreSQL side of StoreTx's operability block (the metrics endpoint's
// gauges).
#include "storage/postgres/pg_store_tx.hpp"

namespace certrenew::server::pg {

std::map<std::string, std::int64_t> PgTx::application_counts_by_state() {
  // applications_by_state (state, created_at) covers the scan; no row is locked.
  auto rows = c_.query("SELECT state, COUNT(*) FROM applications GROUP BY state");
  std::map<std::string, std::int64_t> out;
  for (int i = 0; i < rows.rows(); ++i) out[rows.text(i, 0)] = rows.integer(i, 1);
  return out;
}

}  // namespace certrenew::server::pg
