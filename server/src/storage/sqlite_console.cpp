// The console's storage on SQLite: its statements, the records read and written through
// storage/console_rows.hpp (the same readers and values as on PostgreSQL, pg_console.cpp).
#include "storage/sqlite_console.hpp"

#include "storage/application_listing_sql.hpp"
#include "storage/console_rows.hpp"
#include "storage/record_rows.hpp"

namespace certrenew::server {

namespace {

// A statement of storage/application_listing_sql.hpp, its parameters bound.
sqlite::Statement prepared(sqlite::Database& db, const SqlStatement& statement) {
  sqlite::Statement stmt = db.prepare(statement.sql);
  for (std::size_t i = 0; i < statement.params.size(); ++i)
    if (const SqlValue& v = statement.params[i]; v.integer)
      stmt.bind(static_cast<int>(i + 1), *v.integer);
    else
      stmt.bind(static_cast<int>(i + 1), v.text);
  return stmt;
}

void insert(sqlite::Database& db, std::string_view table, std::string_view columns,
            const auto& values) {
  db.execute(insert_sql(SqlDialect::sqlite, table, columns), values);
}

}  // namespace

template <>
void ConsoleTxOn<sqlite::Database>::insert_operator(const OperatorRecord& r) {
  insert(db_, "operators", kOperatorColumns, operator_values(r));
}

template <>
void ConsoleTxOn<sqlite::Database>::update_operator(const OperatorRecord& r) {
  const int changed = db_.execute(
      "UPDATE operators SET role = ?2, password_hash = ?3, totp_secret = ?4, totp_last_step = ?5, "
      "disabled = ?6, failed_logins = ?7, locked_until = ?8, updated_at = ?9 WHERE name = ?1",
      r.name, r.role, r.password_hash, r.totp_secret, r.totp_last_step,
      std::int64_t{r.disabled ? 1 : 0}, std::int64_t{r.failed_logins}, r.locked_until,
      r.updated_at);
  if (changed != 1) throw sqlite::Error("no operator with that name", SQLITE_NOTFOUND);
}

template <>
std::optional<OperatorRecord> ConsoleTxOn<sqlite::Database>::operator_by_name(
    std::string_view name) {
  return db_.query(select(kOperatorColumns, "FROM operators WHERE name = ?1"), name)
      .first(read_operator);
}

template <>
std::vector<OperatorRecord> ConsoleTxOn<sqlite::Database>::operators() {
  return db_.query(select(kOperatorColumns, "FROM operators ORDER BY name")).all(read_operator);
}

template <>
void ConsoleTxOn<sqlite::Database>::insert_operator_token(std::string_view token_sha256,
                                                          std::string_view operator_name,
                                                          std::int64_t created_at) {
  db_.execute(
      "INSERT INTO operator_tokens (token_sha256, operator_name, created_at) VALUES (?1, ?2, ?3)",
      token_sha256, operator_name, created_at);
}

template <>
std::optional<std::string> ConsoleTxOn<sqlite::Database>::operator_for_token(
    std::string_view token_sha256) {
  return db_
      .query("SELECT operator_name FROM operator_tokens WHERE token_sha256 = ?1", token_sha256)
      .first(read_text);
}

template <>
void ConsoleTxOn<sqlite::Database>::delete_operator_tokens(std::string_view operator_name) {
  db_.execute("DELETE FROM operator_tokens WHERE operator_name = ?1", operator_name);
}

template <>
void ConsoleTxOn<sqlite::Database>::insert_session(const SessionRecord& s) {
  insert(db_, "console_sessions", kSessionColumns, session_values(s));
}

template <>
std::optional<SessionRecord> ConsoleTxOn<sqlite::Database>::session(std::string_view id_sha256) {
  return db_.query(select(kSessionColumns, "FROM console_sessions WHERE id_sha256 = ?1"), id_sha256)
      .first(read_session);
}

template <>
void ConsoleTxOn<sqlite::Database>::touch_session(std::string_view id_sha256,
                                                  std::int64_t last_seen) {
  db_.execute("UPDATE console_sessions SET last_seen = ?2 WHERE id_sha256 = ?1", id_sha256,
              last_seen);
}

template <>
void ConsoleTxOn<sqlite::Database>::delete_session(std::string_view id_sha256) {
  db_.execute("DELETE FROM console_sessions WHERE id_sha256 = ?1", id_sha256);
}

template <>
void ConsoleTxOn<sqlite::Database>::delete_sessions_of(std::string_view operator_name) {
  db_.execute("DELETE FROM console_sessions WHERE operator_name = ?1", operator_name);
}

template <>
void ConsoleTxOn<sqlite::Database>::delete_expired_sessions(std::int64_t now) {
  db_.execute("DELETE FROM console_sessions WHERE expires_at <= ?1", now);
}

template <>
void ConsoleTxOn<sqlite::Database>::insert_audit_entry(const AuditEntry& e) {
  insert(db_, "audit_log", kAuditColumns, audit_values(e));
}

template <>
std::optional<AuditEntry> ConsoleTxOn<sqlite::Database>::last_audit_entry() {
  return db_.query(select(kAuditColumns, "FROM audit_log ORDER BY seq DESC LIMIT 1"))
      .first(read_audit_entry);
}

template <>
std::vector<AuditEntry> ConsoleTxOn<sqlite::Database>::audit_entries(const AuditQuery& q) {
  return db_
      .query("SELECT * FROM (" +
                 select(kAuditColumns,
                        "FROM audit_log WHERE (?1 = 0 OR at >= ?1) AND (?2 = 0 OR at < ?2) AND "
                        "(?3 = '' OR actor = ?3) AND (?4 = '' OR business_no = ?4) ORDER BY seq "
                        "DESC LIMIT ?5") +
                 ") ORDER BY seq",
             q.from, q.to, q.actor, q.business_no, std::int64_t{q.limit})
      .all(read_audit_entry);
}

template <>
std::vector<AuditEntry> ConsoleTxOn<sqlite::Database>::audit_entries_after(std::int64_t seq,
                                                                           int limit) {
  return db_
      .query(select(kAuditColumns, "FROM audit_log WHERE seq > ?1 ORDER BY seq LIMIT ?2"), seq,
             std::int64_t{limit})
      .all(read_audit_entry);
}

template <>
std::int64_t ConsoleTxOn<sqlite::Database>::insert_reason_template(const ReasonTemplate& t) {
  return db_.insert("reason_templates", kReasonTemplateInsertColumns, reason_template_values(t));
}

template <>
std::vector<ReasonTemplate> ConsoleTxOn<sqlite::Database>::reason_templates() {
  return db_.query(select(kReasonTemplateColumns, "FROM reason_templates ORDER BY title, id"))
      .all(read_reason_template);
}

template <>
bool ConsoleTxOn<sqlite::Database>::delete_reason_template(std::int64_t id) {
  return db_.execute("DELETE FROM reason_templates WHERE id = ?1", id) == 1;
}

template <>
ApplicationPage ConsoleTxOn<sqlite::Database>::list_applications(const ApplicationQuery& q) {
  ApplicationPage page;
  page.rows = prepared(db_, listing_page_sql(q, SqlDialect::sqlite)).all(read_listing);
  take_next_page(page, q.limit);
  page.matched =
      prepared(db_, listing_count_sql(q, SqlDialect::sqlite)).first(read_integer).value_or(0);
  return page;
}

template <>
std::vector<AwaitedTransfer> ConsoleTxOn<sqlite::Database>::transfers_awaiting_confirmation() {
  return db_.prepare(kAwaitedTransfersSql).all(read_awaited_transfer);
}

template <>
std::vector<std::int64_t> ConsoleTxOn<sqlite::Database>::refund_candidates() {
  return db_.query(kRefundCandidatesSql).all(read_integer);
}

template <>
std::vector<UnfilledListing> ConsoleTxOn<sqlite::Database>::unfilled_listings(int limit) {
  return db_.query(unfilled_listings_sql(SqlDialect::sqlite), std::int64_t{limit})
      .all(read_unfilled_listing);
}

template <>
void ConsoleTxOn<sqlite::Database>::fill_listing(std::int64_t id, std::string_view subject,
                                                 std::string_view operator_name) {
  db_.execute("UPDATE applications SET subject = ?2, operator_name = ?3 WHERE id = ?1", id, subject,
              operator_name);
}

template <>
std::map<std::string, std::int64_t> ConsoleTxOn<sqlite::Database>::count_applications_by_state() {
  const auto counts =
      db_.query("SELECT state, COUNT(*) FROM applications GROUP BY state").all(read_state_count);
  return {counts.begin(), counts.end()};
}

template <>
std::vector<std::pair<std::int64_t, EventRecord>> ConsoleTxOn<sqlite::Database>::events_between(
    std::int64_t from, std::int64_t to) {
  return db_
      .query(select(kEventWithApplicationColumns,
                    "FROM events WHERE at >= ?1 AND at < ?2 ORDER BY at, id"),
             from, to)
      .all(read_event_with_application);
}

template <>
std::int64_t ConsoleTxOn<sqlite::Database>::insert_statement_line(const StatementLine& l) {
  return db_.insert("statement_lines", kStatementLineInsertColumns, statement_line_values(l));
}

template <>
std::vector<StatementLine> ConsoleTxOn<sqlite::Database>::statement_lines(bool unmatched_only) {
  return db_
      .query(select(kStatementLineColumns, std::string("FROM statement_lines") +
                                               (unmatched_only ? " WHERE business_no = ''" : "") +
                                               " ORDER BY booked_on, id"))
      .all(read_statement_line);
}

template <>
std::optional<StatementLine> ConsoleTxOn<sqlite::Database>::statement_line(std::int64_t id) {
  return db_.query(select(kStatementLineColumns, "FROM statement_lines WHERE id = ?1"), id)
      .first(read_statement_line);
}

template <>
void ConsoleTxOn<sqlite::Database>::match_statement_line(std::int64_t id,
                                                         std::string_view business_no,
                                                         std::string_view by, std::int64_t at) {
  const int changed = db_.execute(
      "UPDATE statement_lines SET business_no = ?2, matched_by = ?3, matched_at = ?4 "
      "WHERE id = ?1 AND business_no = ''",
      id, business_no, by, at);
  if (changed != 1)
    throw sqlite::Error("statement line missing or already matched", SQLITE_CONSTRAINT);
}

template <>
void ConsoleTxOn<sqlite::Database>::insert_refund(const RefundRecord& r) {
  insert(db_, "refunds", kRefundColumns, refund_values(r));
}

template <>
std::optional<RefundRecord> ConsoleTxOn<sqlite::Database>::refund(std::string_view business_no) {
  return db_.query(select(kRefundColumns, "FROM refunds WHERE business_no = ?1"), business_no)
      .first(read_refund);
}

}  // namespace certrenew::server
