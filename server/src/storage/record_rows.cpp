#include "storage/record_rows.hpp"

namespace certrenew::server {

std::string select(std::string_view columns, std::string_view rest) {
  std::string sql = "SELECT ";
  sql.append(columns).append(" ").append(rest);
  return sql;
}

IntakeLookup read_intake_lookup(RowReader& row) {
  IntakeLookup out;
  if (!row.next_is_null()) out.same_request = read_record<ApplicationRecord>(row);
  row.seek(kApplicationColumnCount);
  row.into(out.renewed_by, out.revoked_at);
  out.key_certified = row.integer() != 0;
  row.into(out.applications_since, out.open_business_no);
  return out;
}

std::pair<std::string, std::int64_t> read_state_count(RowReader& row) {
  std::string state = row.text();
  return {std::move(state), row.integer()};
}

std::int64_t read_integer(RowReader& row) {
  return row.integer();
}

std::string read_text(RowReader& row) {
  return row.text();
}

std::optional<std::int64_t> read_optional_integer(RowReader& row) {
  return row.optional_integer();
}

Blob read_blob(RowReader& row) {
  return row.blob();
}

}  // namespace certrenew::server
