#pragma once
// The one SQL statement by which a worker claims rows with a lease (the notification outbox,
// the issuer's jobs), for both backends. A table that uses it has the columns id, state
// ('pending' while there is work), next_attempt_at, lease_owner and lease_until. Parameters:
// 1 worker, 2 now, 3 lease_until, 4 limit, and 5 the one id (when `one_id`). SQLite runs it in a
// BEGIN IMMEDIATE transaction, whose write lock makes select-then-update one step for every
// process sharing the file; PostgreSQL skips rows another instance has locked (SKIP LOCKED), so
// instances claiming at the same moment each take other rows instead of waiting.

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/application_lists_sql.hpp"
#include "storage/backend_calls.hpp"
#include "storage/record_rows.hpp"
#include "storage/row_reader.hpp"
#include "storage/sql_dialect.hpp"
#include "storage/store.hpp"

namespace certrenew::server {

std::string lease_claim_sql(SqlDialect dialect, std::string_view table, std::string_view columns,
                            bool one_id = false);

// Writes back an attempt's outcome and frees the claim, only while the worker still holds it.
// Parameters: 1 id, 2 worker, 3 state, 4 attempts, 5 next_attempt_at, 6 last_error, 7 the time
// it finished (into `finished_column`), as OutboxSettlement has them.
std::string lease_settle_sql(SqlDialect dialect, std::string_view table,
                             std::string_view finished_column);

// A table of work claimed with a lease (the outbox, the issuer's jobs): its name, the columns its
// records are read from and how, and the column an attempt's finishing time is written to.
template <typename Record>
struct LeasedTable {
  std::string_view name;
  std::string_view columns;
  ReadRow<Record> read;
  std::string_view finished_column;
};

inline constexpr LeasedTable<OutboxMessage> kOutboxTable{"outbox", kOutboxColumns,
                                                         read_record<OutboxMessage>, "sent_at"};
inline constexpr LeasedTable<IssuerJob> kIssuerJobTable{"issuer_jobs", kIssuerJobColumns,
                                                        read_record<IssuerJob>, "finished_at"};

// Claims up to `limit` due rows for `worker` until `lease_until` (lease_claim_sql; with
// `only_id` > 0 that row alone), oldest due first: neither backend's RETURNING promises an order.
template <typename Db, typename Record>
std::vector<Record> claim_leased(Db& db, const LeasedTable<Record>& table, std::string_view worker,
                                 std::int64_t now, std::int64_t lease_until, int limit,
                                 std::int64_t only_id = 0) {
  const std::string sql = lease_claim_sql(dialect_of(db), table.name, table.columns, only_id > 0);
  auto out = (only_id > 0 ? rows(db, sql, worker, now, lease_until, limit, only_id)
                          : rows(db, sql, worker, now, lease_until, limit))
                 .all(table.read);
  std::sort(out.begin(), out.end(), [](const Record& a, const Record& b) {
    return std::pair(a.next_attempt_at, a.id) < std::pair(b.next_attempt_at, b.id);
  });
  return out;
}

// Writes back an attempt's outcome (lease_settle_sql): false when `worker` no longer held the row.
template <typename Db, typename Record>
bool settle_leased(Db& db, const LeasedTable<Record>& table, std::int64_t id,
                   std::string_view worker, const OutboxSettlement& s) {
  return changed(db, lease_settle_sql(dialect_of(db), table.name, table.finished_column), id,
                 worker, s.state, s.attempts, s.next_attempt_at, s.last_error, s.sent_at) == 1;
}

// An application's rows of the table, oldest first.
template <typename Db, typename Record>
std::vector<Record> leased_rows_of(Db& db, const LeasedTable<Record>& table,
                                   std::int64_t application_id) {
  return rows(db, leased_rows_sql(table.name, table.columns), application_id).all(table.read);
}

}  // namespace certrenew::server
