#include "storage/backend_calls.hpp"

namespace certrenew::server {

sqlite::Statement query(sqlite::Database& db, const SqlStatement& statement) {
  sqlite::Statement stmt = db.prepare(statement.sql);
  for (std::size_t i = 0; i < statement.params.size(); ++i)
    if (const SqlValue& v = statement.params[i]; v.integer)
      stmt.bind(static_cast<int>(i + 1), *v.integer);
    else
      stmt.bind(static_cast<int>(i + 1), v.text);
  return stmt;
}

pg::Result query(pg::Connection& db, const SqlStatement& statement) {
  pg::Params params;
  for (const SqlValue& v : statement.params)
    if (v.integer)
      params.add(*v.integer);
    else
      params.add(v.text);
  return db.run(statement.sql, params);
}

void throw_unchanged(const sqlite::Database&, const std::string& what, Unchanged why) {
  throw sqlite::Error(what, why == Unchanged::missing ? SQLITE_NOTFOUND : SQLITE_CONSTRAINT);
}

void throw_unchanged(const pg::Connection&, const std::string& what, Unchanged why) {
  throw pg::Error(what, why == Unchanged::missing ? "P0002" : "23514");
}

}  // namespace certrenew::server
