#include "storage/sqlite_notify.hpp"

#include "storage/lease_claim.hpp"
#include "storage/record_rows.hpp"

namespace certrenew::server::sqlite_notify {

bool add_outbox_message(sqlite::Database& db, const OutboxMessage& m) {
  return db.execute(insert_sql(SqlDialect::sqlite, "outbox", kOutboxInsertColumns,
                               "INSERT OR IGNORE INTO"),
                    outbox_values(m)) == 1;
}

std::vector<OutboxMessage> claim_outbox_messages(sqlite::Database& db, std::string_view worker,
                                                 std::int64_t now, std::int64_t lease_until,
                                                 int limit) {
  return db
      .query(lease_claim_sql(SqlDialect::sqlite, "outbox", kOutboxColumns), worker, now,
             lease_until, limit)
      .all(read_outbox_message);
}

bool settle_outbox_message(sqlite::Database& db, std::int64_t id, std::string_view worker,
                           const OutboxSettlement& s) {
  return db.execute(lease_settle_sql(SqlDialect::sqlite, "outbox", "sent_at"), id, worker, s.state,
                    s.attempts, s.next_attempt_at, s.last_error, s.sent_at) == 1;
}

std::vector<OutboxMessage> outbox_messages(sqlite::Database& db, std::int64_t application_id) {
  return db
      .query(select(kOutboxColumns, "FROM outbox WHERE application_id = ?1 ORDER BY id"),
             application_id)
      .all(read_outbox_message);
}

void watch_certificate(sqlite::Database& db, const WatchedCertificate& c) {
  db.execute(
      "INSERT INTO watched_certificates (serial, not_after, application_id) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (serial) DO UPDATE SET not_after = ?2, "
      "application_id = MAX(application_id, ?3)",
      c.serial_hex, c.not_after, c.application_id);
}

std::vector<WatchedCertificate> certificates_expiring(sqlite::Database& db, std::int64_t now,
                                                      std::int64_t by) {
  return db
      .query(select(kWatchedCertificateColumns,
                    "FROM watched_certificates WHERE not_after > ?1 AND not_after <= ?2 "
                    "ORDER BY not_after, serial"),
             now, by)
      .all(read_watched_certificate);
}

}  // namespace certrenew::server::sqlite_notify
