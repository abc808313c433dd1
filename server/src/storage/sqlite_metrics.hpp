#pragma once
// Issue 17 (ops): the SQLite side of StoreTx's operability block (the metrics endpoint's gauges).

#include <cstdint>
#include <map>
#include <string>

#include "storage/sqlite.hpp"

namespace certrenew::server::sqlite {

std::map<std::string, std::int64_t> application_counts_by_state(Database& db);

}  // namespace certrenew::server::sqlite
