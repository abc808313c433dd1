// Notifications (issue 19) on PostgreSQL: the outbox and the certificates watched for expiry.
// The SQL mirrors storage/sqlite_notify.cpp; claims skip rows another instance has locked.
#include <algorithm>

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
  auto out = c_.query(lease_claim_sql(SqlDialect::postgres, "outbox", kOutboxColumns), worker, now,
                      lease_until, limit)
                 .all(read_outbox_message);
  std::sort(out.begin(), out.end(), [](const OutboxMessage& a, const OutboxMessage& b) {
    return std::pair(a.next_attempt_at, a.id) < std::pair(b.next_attempt_at, b.id);
  });
  return out;
}

bool PgTx::settle_outbox_message(std::int64_t id, std::string_view worker,
                                 const OutboxSettlement& s) {
  return c_.query(lease_settle_sql(SqlDialect::postgres, "outbox", "sent_at"), id, worker, s.state,
                  s.attempts, s.next_attempt_at, s.last_error, s.sent_at)
             .affected() == 1;
}

std::vector<OutboxMessage> PgTx::outbox_messages(std::int64_t application_id) {
  return c_
      .query(select(kOutboxColumns, "FROM outbox WHERE application_id = $1 ORDER BY id"),
             application_id)
      .all(read_outbox_message);
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
