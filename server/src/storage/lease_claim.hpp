#pragma once
// The one SQL statement by which a worker claims rows with a lease (the notification outbox,
// the issuer's jobs), for both backends. A table that uses it has the columns id, state
// ('pending' while there is work), next_attempt_at, lease_owner and lease_until. Parameters:
// 1 worker, 2 now, 3 lease_until, 4 limit, and 5 the one id (when `one_id`). SQLite runs it in a
// BEGIN IMMEDIATE transaction, whose write lock makes select-then-update one step for every
// process sharing the file; PostgreSQL skips rows another instance has locked (SKIP LOCKED), so
// instances claiming at the same moment each take other rows instead of waiting.

#include <string>
#include <string_view>

#include "storage/sql_dialect.hpp"

namespace certrenew::server {

std::string lease_claim_sql(SqlDialect dialect, std::string_view table, std::string_view columns,
                            bool one_id = false);

// Writes back an attempt's outcome and frees the claim, only while the worker still holds it.
// Parameters: 1 id, 2 worker, 3 state, 4 attempts, 5 next_attempt_at, 6 last_error, 7 the time
// it finished (into `finished_column`), as OutboxSettlement has them.
std::string lease_settle_sql(SqlDialect dialect, std::string_view table,
                             std::string_view finished_column);

}  // namespace certrenew::server
