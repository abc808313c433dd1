#include "storage/sql_dialect.hpp"

#include <algorithm>

namespace certrenew::server {

std::string param(SqlDialect dialect, int n) {
  return (dialect == SqlDialect::sqlite ? "?" : "$") + std::to_string(n);
}

std::string numbered(SqlDialect dialect, std::string_view sql) {
  std::string out(sql);
  if (dialect == SqlDialect::postgres) std::replace(out.begin(), out.end(), '?', '$');
  return out;
}

std::string greatest(SqlDialect dialect, std::string_view a, std::string_view b) {
  std::string out(dialect == SqlDialect::sqlite ? "MAX(" : "GREATEST(");
  return out.append(a).append(", ").append(b).append(")");
}

std::string insert_sql(SqlDialect dialect, std::string_view table, std::string_view columns,
                       std::string_view verb) {
  const auto count = 1 + static_cast<int>(std::count(columns.begin(), columns.end(), ','));
  std::string sql(verb);
  sql.append(" ").append(table).append(" (").append(columns).append(") VALUES (");
  for (int n = 1; n <= count; ++n) sql.append(n > 1 ? ", " : "").append(param(dialect, n));
  return sql.append(")");
}

}  // namespace certrenew::server
