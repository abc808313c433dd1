#include "storage/lease_claim.hpp"

namespace certrenew::server {

namespace {

std::string param(SqlDialect dialect, int n) {
  return (dialect == SqlDialect::sqlite ? "?" : "$") + std::to_string(n);
}

}  // namespace

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

std::string lease_held_sql(SqlDialect d) {
  return "id = " + param(d, 1) + " AND lease_owner = " + param(d, 2) + " AND state = 'pending'";
}

}  // namespace certrenew::server
