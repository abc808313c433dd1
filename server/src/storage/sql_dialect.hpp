#pragma once
// What differs between the two backends' SQL where a statement is otherwise the same: how a
// parameter is written. Statements both run are written once with these (lease_claim.hpp,
// record_rows.hpp's inserts).

#include <string>
#include <string_view>

namespace certrenew::server {

enum class SqlDialect { sqlite, postgres };

// Parameter n (from 1) as the dialect writes it: ?n on SQLite, $n on PostgreSQL.
std::string param(SqlDialect dialect, int n);

// "<verb> <table> (<columns>) VALUES (<parameters 1..n, one per column>)".
std::string insert_sql(SqlDialect dialect, std::string_view table, std::string_view columns,
                       std::string_view verb = "INSERT INTO");

}  // namespace certrenew::server
