#include "storage/sqlite_metrics.hpp"

namespace certrenew::server::sqlite {

std::map<std::string, std::int64_t> application_counts_by_state(Database& db) {
  // applications_by_state (state, created_at) covers the scan.
  auto stmt = db.prepare("SELECT state, COUNT(*) FROM applications GROUP BY state");
  std::map<std::string, std::int64_t> out;
  while (stmt.step()) out[stmt.column_text(0)] = stmt.column_int(1);
  return out;
}

}  // namespace certrenew::server::sqlite
