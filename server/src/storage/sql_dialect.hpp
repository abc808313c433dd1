#pragma once
// What differs between the two backends' SQL where a statement is otherwise the same: how a
// parameter is written. Statements both run are written once with these (lease_claim.hpp,
// record_rows.hpp's inserts, console_tx_on.cpp).

#include <string>
#include <string_view>

namespace certrenew::server {

enum class SqlDialect { sqlite, postgres };

// Parameter n (from 1) as the dialect writes it: ?n on SQLite, $n on PostgreSQL.
std::string param(SqlDialect dialect, int n);

// `sql`, written with numbered parameters as SQLite has them (?1, ?2, ...), in the dialect's
// notation: unchanged on SQLite, each ?n as $n on PostgreSQL. `sql` has no '?' but its
// parameters' (no literal or comment holds one).
std::string numbered(SqlDialect dialect, std::string_view sql);

// The greater of two values that are never NULL: MAX(a, b) on SQLite, GREATEST(a, b) on
// PostgreSQL.
std::string greatest(SqlDialect dialect, std::string_view a, std::string_view b);

// "<verb> <table> (<columns>) VALUES (<parameters 1..n, one per column>)".
std::string insert_sql(SqlDialect dialect, std::string_view table, std::string_view columns,
                       std::string_view verb = "INSERT INTO");

}  // namespace certrenew::server
