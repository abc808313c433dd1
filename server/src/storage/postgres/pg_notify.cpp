// Notifications (issue 19) on PostgreSQL: the outbox and the certificates watched for expiry.
// The SQL mirrors storage/sqlite_notify.cpp; claims skip rows another instance has locked.
#include <algorithm>

#include "storage/lease_claim.hpp"
#include "storage/postgres/pg_store_tx.hpp"

namespace certrenew::server::pg {

namespace {

constexpr std::string_view kOutboxColumns =
    "id, dedup_key, COALESCE(application_id, 0), event, channel, recipient, recipient_name, "
    "language, facts_json, state, attempts, next_attempt_at, last_error, created_at, sent_at";

OutboxMessage read_message(const Result& row, int i) {
  OutboxMessage m;
  m.id = row.integer(i, 0);
  m.dedup_key = row.text(i, 1);
  m.application_id = row.integer(i, 2);
  m.event = row.text(i, 3);
  m.channel = row.text(i, 4);
  m.recipient = row.text(i, 5);
  m.recipient_name = row.text(i, 6);
  m.language = row.text(i, 7);
  m.facts_json = row.text(i, 8);
  m.state = row.text(i, 9);
  m.attempts = static_cast<int>(row.integer(i, 10));
  m.next_attempt_at = row.integer(i, 11);
  m.last_error = row.text(i, 12);
  m.created_at = row.integer(i, 13);
  m.sent_at = row.integer(i, 14);
  return m;
}

std::vector<OutboxMessage> read_messages(const Result& rows) {
  std::vector<OutboxMessage> out;
  for (int i = 0; i < rows.rows(); ++i) out.push_back(read_message(rows, i));
  return out;
}

}  // namespace

bool PgTx::add_outbox_message(const OutboxMessage& m) {
  std::optional<std::int64_t> application;
  if (m.application_id > 0) application = m.application_id;
  return !c_.query(
                "INSERT INTO outbox (dedup_key, application_id, event, channel, recipient, "
                "recipient_name, language, facts_json, state, attempts, next_attempt_at, "
                "last_error, created_at, sent_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
                "$10, $11, $12, $13, $14) ON CONFLICT (dedup_key) DO NOTHING RETURNING id",
                m.dedup_key, application, m.event, m.channel, m.recipient, m.recipient_name,
                m.language, m.facts_json, m.state, m.attempts, m.next_attempt_at, m.last_error,
                m.created_at, m.sent_at)
              .empty();
}

std::vector<OutboxMessage> PgTx::claim_outbox_messages(std::string_view worker, std::int64_t now,
                                                       std::int64_t lease_until, int limit) {
  auto out = read_messages(c_.query(lease_claim_sql(SqlDialect::postgres, "outbox", kOutboxColumns),
                                    worker, now, lease_until, limit));
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
  return read_messages(c_.query("SELECT " + std::string(kOutboxColumns) +
                                    " FROM outbox WHERE application_id = $1 ORDER BY id",
                                application_id));
}

void PgTx::watch_certificate(const WatchedCertificate& c) {
  c_.defer(
      "INSERT INTO watched_certificates (serial, not_after, application_id) VALUES ($1, $2, $3) "
      "ON CONFLICT (serial) DO UPDATE SET not_after = EXCLUDED.not_after, application_id = "
      "GREATEST(watched_certificates.application_id, EXCLUDED.application_id)",
      c.serial_hex, c.not_after, c.application_id);
}

std::vector<WatchedCertificate> PgTx::certificates_expiring(std::int64_t now, std::int64_t by) {
  auto rows = c_.query(
      "SELECT serial, not_after, application_id FROM watched_certificates "
      "WHERE not_after > $1 AND not_after <= $2 ORDER BY not_after, serial",
      now, by);
  std::vector<WatchedCertificate> out;
  for (int i = 0; i < rows.rows(); ++i)
    out.push_back({rows.text(i, 0), rows.integer(i, 1), rows.integer(i, 2)});
  return out;
}

}  // namespace certrenew::server::pg
