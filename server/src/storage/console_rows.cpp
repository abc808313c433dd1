#include "storage/console_rows.hpp"

#include "storage/record_rows.hpp"

namespace certrenew::server {

OperatorRecord read_operator(RowReader& row) {
  OperatorRecord r;
  row.into(r.name, r.role, r.password_hash, r.totp_secret, r.totp_last_step);
  r.disabled = row.integer() != 0;
  row.into(r.failed_logins, r.locked_until, r.created_at, r.updated_at);
  return r;
}

std::pair<std::int64_t, EventRecord> read_event_with_application(RowReader& row) {
  const std::int64_t application_id = row.integer();
  return {application_id, read_record<EventRecord>(row)};
}

}  // namespace certrenew::server
