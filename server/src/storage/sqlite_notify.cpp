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
  return claim_leased(db, kOutboxTable, worker, now, lease_until, limit);
}

bool settle_outbox_message(sqlite::Database& db, std::int64_t id, std::string_view worker,
                           const OutboxSettlement& s) {
  return settle_leased(db, kOutboxTable, id, worker, s);
}

std::vector<OutboxMessage> outbox_messages(sqlite::Database& db, std::int64_t application_id) {
  return leased_rows_of(db, kOutboxTable, application_id);
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
