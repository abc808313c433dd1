#include "storage/sqlite_notify.hpp"

#include <string>

#include "storage/lease_claim.hpp"

namespace certrenew::server::sqlite_notify {

namespace {

constexpr std::string_view kOutboxColumns =
    "id, dedup_key, COALESCE(application_id, 0), event, channel, recipient, recipient_name, "
    "language, facts_json, state, attempts, next_attempt_at, last_error, created_at, sent_at";

OutboxMessage read_message(const sqlite::Statement& row) {
  OutboxMessage m;
  m.id = row.column_int(0);
  m.dedup_key = row.column_text(1);
  m.application_id = row.column_int(2);
  m.event = row.column_text(3);
  m.channel = row.column_text(4);
  m.recipient = row.column_text(5);
  m.recipient_name = row.column_text(6);
  m.language = row.column_text(7);
  m.facts_json = row.column_text(8);
  m.state = row.column_text(9);
  m.attempts = static_cast<int>(row.column_int(10));
  m.next_attempt_at = row.column_int(11);
  m.last_error = row.column_text(12);
  m.created_at = row.column_int(13);
  m.sent_at = row.column_int(14);
  return m;
}

}  // namespace

bool add_outbox_message(sqlite::Database& db, const OutboxMessage& m) {
  auto stmt = db.prepare(
      "INSERT OR IGNORE INTO outbox (dedup_key, application_id, event, channel, recipient, "
      "recipient_name, language, facts_json, state, attempts, next_attempt_at, last_error, "
      "created_at, sent_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
  stmt.bind(1, m.dedup_key);
  if (m.application_id > 0)
    stmt.bind(2, m.application_id);
  else
    stmt.bind_null(2);
  stmt.bind(3, m.event).bind(4, m.channel).bind(5, m.recipient).bind(6, m.recipient_name);
  stmt.bind(7, m.language).bind(8, m.facts_json).bind(9, m.state);
  stmt.bind(10, std::int64_t{m.attempts}).bind(11, m.next_attempt_at).bind(12, m.last_error);
  stmt.bind(13, m.created_at).bind(14, m.sent_at);
  stmt.run();
  return db.changes() == 1;
}

std::vector<OutboxMessage> claim_outbox_messages(sqlite::Database& db, std::string_view worker,
                                                 std::int64_t now, std::int64_t lease_until,
                                                 int limit) {
  auto stmt = db.prepare(lease_claim_sql(SqlDialect::sqlite, "outbox", kOutboxColumns));
  stmt.bind(1, worker).bind(2, now).bind(3, lease_until).bind(4, std::int64_t{limit});
  std::vector<OutboxMessage> out;
  while (stmt.step()) out.push_back(read_message(stmt));
  return out;
}

bool settle_outbox_message(sqlite::Database& db, std::int64_t id, std::string_view worker,
                           const OutboxSettlement& s) {
  auto stmt = db.prepare(lease_settle_sql(SqlDialect::sqlite, "outbox", "sent_at"));
  stmt.bind(1, id).bind(2, worker).bind(3, s.state).bind(4, std::int64_t{s.attempts});
  stmt.bind(5, s.next_attempt_at).bind(6, s.last_error).bind(7, s.sent_at);
  stmt.run();
  return db.changes() == 1;
}

std::vector<OutboxMessage> outbox_messages(sqlite::Database& db, std::int64_t application_id) {
  auto stmt = db.prepare("SELECT " + std::string(kOutboxColumns) +
                         " FROM outbox WHERE application_id = ?1 ORDER BY id");
  stmt.bind(1, application_id);
  std::vector<OutboxMessage> out;
  while (stmt.step()) out.push_back(read_message(stmt));
  return out;
}

void watch_certificate(sqlite::Database& db, const WatchedCertificate& c) {
  auto stmt = db.prepare(
      "INSERT INTO watched_certificates (serial, not_after, application_id) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (serial) DO UPDATE SET not_after = ?2, "
      "application_id = MAX(application_id, ?3)");
  stmt.bind(1, c.serial_hex).bind(2, c.not_after).bind(3, c.application_id).run();
}

std::vector<WatchedCertificate> certificates_expiring(sqlite::Database& db, std::int64_t now,
                                                      std::int64_t by) {
  auto stmt = db.prepare(
      "SELECT serial, not_after, application_id FROM watched_certificates "
      "WHERE not_after > ?1 AND not_after <= ?2 ORDER BY not_after, serial");
  stmt.bind(1, now).bind(2, by);
  std::vector<WatchedCertificate> out;
  while (stmt.step()) out.push_back({stmt.column_text(0), stmt.column_int(1), stmt.column_int(2)});
  return out;
}

}  // namespace certrenew::server::sqlite_notify
