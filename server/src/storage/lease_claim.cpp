#include "storage/lease_claim.hpp"

namespace certrenew::server {

std::string lease_claim_sql(SqlDialect d, std::string_view table, std::string_view columns,
                            bool one_id) {
  const std::string t(table);
  return "UPDATE " + t + " SET lease_owner = " + param(d, 1) + ", lease_until = " + param(d, 3) +
         " WHERE id IN (SELECT id FROM " + t +
         " WHERE state = 'pending' AND next_attempt_at <= " + param(d, 2) +
         " AND (lease_until IS NULL OR lease_until <= " + param(d, 2) + ")" +
         (one_id ? " AND id = " + param(d, 5) : std::string()) +
         " ORDER BY next_attempt_at, id LIMIT " + param(d, 4) +
         (d == SqlDialect::postgres ? " FOR UPDATE SKIP LOCKED" : "") + ") RETURNING " +
         std::string(columns);
}

std::string lease_settle_sql(SqlDialect d, std::string_view table,
                             std::string_view finished_column) {
  return "UPDATE " + std::string(table) + " SET state = " + param(d, 3) +
         ", attempts = " + param(d, 4) + ", next_attempt_at = " + param(d, 5) +
         ", last_error = " + param(d, 6) + ", " + std::string(finished_column) + " = " +
         param(d, 7) + ", lease_owner = NULL, lease_until = NULL WHERE id = " + param(d, 1) +
         " AND lease_owner = " + param(d, 2) + " AND state = 'pending'";
}

}  // namespace certrenew::server
