#pragma once
// The SQLite side of the issuer-job calls of StoreTx (issue 22): SqliteTx forwards to these.

#include <cstdint>
#include <string_view>
#include <vector>

#include "storage/sqlite.hpp"
#include "storage/store.hpp"

namespace certrenew::server::sqlite_issuer_jobs {

std::int64_t add(sqlite::Database& db, const IssuerJob& job);
std::vector<IssuerJob> claim(sqlite::Database& db, std::string_view worker, std::int64_t now,
                             std::int64_t lease_until, int limit, std::int64_t only_id);
bool settle(sqlite::Database& db, std::int64_t id, std::string_view worker,
            const OutboxSettlement& settlement);
std::vector<IssuerJob> of_application(sqlite::Database& db, std::int64_t application_id);
std::int64_t pending(sqlite::Database& db);

}  // namespace certrenew::server::sqlite_issuer_jobs
