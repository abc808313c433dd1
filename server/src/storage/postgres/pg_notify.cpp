// Notifications (issue 19) on PostgreSQL: the outbox and the certificates watched for expiry.
// The SQL mirrors storage/sqlite_notify.cpp; claims skip rows another instance has locked.
#include "storage/lease_claim.hpp"
#include "storage/postgres/pg_store_tx.hpp"
#include "storage/record_rows.hpp"

namespace certrenew::server::pg {

bool PgTx::add_outbox_message(const OutboxMessage& m) {
  return !c_.query(insert_sql(SqlDialect::postgres, "outbox", kOutboxInsertColumns) +
                       " ON CONFLICT (dedup_key) DO NOTHING RETURNING id",
                   outbox_values(m))
              .empty();
}

std::vector<OutboxMessage> PgTx::claim_outbox_messages(std::string_view worker, std::int64_t now,
                                                       std::int64_t lease_until, int limit) {
  return claim_leased(c_, kOutboxTable, worker, now, lease_until, limit);
}

bool PgTx::settle_outbox_message(std::int64_t id, std::string_view worker,
                                 const OutboxSettlement& s) {
  return settle_leased(c_, kOutboxTable, id, worker, s);
}

std::vector<OutboxMessage> PgTx::outbox_messages(std::int64_t application_id) {
  return leased_rows_of(c_, kOutboxTable, application_id);
}

void PgTx::watch_certificate(const WatchedCertificate& c) {
  c_.defer(
      "INSERT INTO watched_certificates (serial, not_after, application_id) VALUES ($1, $2, $3) "
      "ON CONFLICT (serial) DO UPDATE SET not_after = EXCLUDED.not_after, application_id = "
      "GREATEST(watched_certificates.application_id, EXCLUDED.application_id)",
      c.serial_hex, c.not_after, c.application_id);
}

std::vector<WatchedCertificate> PgTx::certificates_expiring(std::int64_t now, std::int64_t by) {
  return c_
      .query(select(kWatchedCertificateColumns,
                    "FROM watched_certificates WHERE not_after > $1 AND not_after <= $2 "
                    "ORDER BY not_after, serial"),
             now, by)
      .all(read_watched_certificate);
}

}  // namespace certrenew::server::pg
