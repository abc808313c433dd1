// The console's storage on PostgreSQL: the SQLite backend's statements (sqlite_console.cpp) with
// $n parameters, the records read and written through storage/console_rows.hpp. Audit appends of
// all instances are serialised by a transaction-scoped advisory lock taken when the chain's head
// is read, so two appends never chain to the same entry.
#include "storage/postgres/pg_console.hpp"

#include "storage/application_listing_sql.hpp"
#include "storage/console_rows.hpp"
#include "storage/record_rows.hpp"

namespace certrenew::server {

using pg::Error;
using pg::Result;

namespace {

// A statement of storage/application_listing_sql.hpp, run with its parameters.
Result run(pg::Connection& db, const SqlStatement& statement) {
  pg::Params params;
  for (const SqlValue& v : statement.params)
    if (v.integer)
      params.add(*v.integer);
    else
      params.add(v.text);
  return db.run(statement.sql, params);
}

void insert(pg::Connection& db, std::string_view table, std::string_view columns,
            const auto& values) {
  db.query(insert_sql(SqlDialect::postgres, table, columns), values);
}

constexpr std::int64_t kAuditChainLock = 0x4365727441756431;  // "CertAud1"

}  // namespace

template <>
void ConsoleTxOn<pg::Connection>::insert_operator(const OperatorRecord& r) {
  insert(db_, "operators", kOperatorColumns, operator_values(r));
}

template <>
void ConsoleTxOn<pg::Connection>::update_operator(const OperatorRecord& r) {
  const auto res = db_.query(
      "UPDATE operators SET role = $2, password_hash = $3, totp_secret = $4, totp_last_step = $5, "
      "disabled = $6, failed_logins = $7, locked_until = $8, updated_at = $9 WHERE name = $1",
      r.name, r.role, r.password_hash, r.totp_secret, r.totp_last_step,
      std::int64_t{r.disabled ? 1 : 0}, std::int64_t{r.failed_logins}, r.locked_until,
      r.updated_at);
  if (res.affected() != 1) throw Error("no operator with that name", "P0002");
}

template <>
std::optional<OperatorRecord> ConsoleTxOn<pg::Connection>::operator_by_name(std::string_view name) {
  return db_.query(select(kOperatorColumns, "FROM operators WHERE name = $1"), name)
      .first(read_operator);
}

template <>
std::vector<OperatorRecord> ConsoleTxOn<pg::Connection>::operators() {
  return db_.query(select(kOperatorColumns, "FROM operators ORDER BY name")).all(read_operator);
}

template <>
void ConsoleTxOn<pg::Connection>::insert_operator_token(std::string_view token_sha256,
                                                        std::string_view operator_name,
                                                        std::int64_t created_at) {
  db_.query(
      "INSERT INTO operator_tokens (token_sha256, operator_name, created_at) VALUES ($1, $2, $3)",
      token_sha256, operator_name, created_at);
}

template <>
std::optional<std::string> ConsoleTxOn<pg::Connection>::operator_for_token(
    std::string_view token_sha256) {
  return db_
      .query("SELECT operator_name FROM operator_tokens WHERE token_sha256 = $1", token_sha256)
      .first(read_text);
}

template <>
void ConsoleTxOn<pg::Connection>::delete_operator_tokens(std::string_view operator_name) {
  db_.query("DELETE FROM operator_tokens WHERE operator_name = $1", operator_name);
}

template <>
void ConsoleTxOn<pg::Connection>::insert_session(const SessionRecord& s) {
  insert(db_, "console_sessions", kSessionColumns, session_values(s));
}

template <>
std::optional<SessionRecord> ConsoleTxOn<pg::Connection>::session(std::string_view id_sha256) {
  return db_.query(select(kSessionColumns, "FROM console_sessions WHERE id_sha256 = $1"), id_sha256)
      .first(read_session);
}

template <>
void ConsoleTxOn<pg::Connection>::touch_session(std::string_view id_sha256,
                                                std::int64_t last_seen) {
  db_.query("UPDATE console_sessions SET last_seen = $2 WHERE id_sha256 = $1", id_sha256,
            last_seen);
}

template <>
void ConsoleTxOn<pg::Connection>::delete_session(std::string_view id_sha256) {
  db_.query("DELETE FROM console_sessions WHERE id_sha256 = $1", id_sha256);
}

template <>
void ConsoleTxOn<pg::Connection>::delete_sessions_of(std::string_view operator_name) {
  db_.query("DELETE FROM console_sessions WHERE operator_name = $1", operator_name);
}

template <>
void ConsoleTxOn<pg::Connection>::delete_expired_sessions(std::int64_t now) {
  db_.query("DELETE FROM console_sessions WHERE expires_at <= $1", now);
}

template <>
void ConsoleTxOn<pg::Connection>::insert_audit_entry(const AuditEntry& e) {
  insert(db_, "audit_log", kAuditColumns, audit_values(e));
}

template <>
std::optional<AuditEntry> ConsoleTxOn<pg::Connection>::last_audit_entry() {
  // Held until this transaction ends: the next append waits for this one's commit.
  db_.query("SELECT pg_advisory_xact_lock($1)", kAuditChainLock);
  return db_.query(select(kAuditColumns, "FROM audit_log ORDER BY seq DESC LIMIT 1"))
      .first(read_audit_entry);
}

template <>
std::vector<AuditEntry> ConsoleTxOn<pg::Connection>::audit_entries(const AuditQuery& q) {
  return db_
      .query("SELECT * FROM (" +
                 select(kAuditColumns,
                        "FROM audit_log WHERE ($1 = 0 OR at >= $1) AND ($2 = 0 OR at < $2) AND "
                        "($3 = '' OR actor = $3) AND ($4 = '' OR business_no = $4) ORDER BY seq "
                        "DESC LIMIT $5") +
                 ") newest ORDER BY seq",
             q.from, q.to, q.actor, q.business_no, std::int64_t{q.limit})
      .all(read_audit_entry);
}

template <>
std::vector<AuditEntry> ConsoleTxOn<pg::Connection>::audit_entries_after(std::int64_t seq,
                                                                         int limit) {
  return db_
      .query(select(kAuditColumns, "FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2"), seq,
             std::int64_t{limit})
      .all(read_audit_entry);
}

template <>
std::int64_t ConsoleTxOn<pg::Connection>::insert_reason_template(const ReasonTemplate& t) {
  return db_.insert("reason_templates", kReasonTemplateInsertColumns, reason_template_values(t));
}

template <>
std::vector<ReasonTemplate> ConsoleTxOn<pg::Connection>::reason_templates() {
  return db_.query(select(kReasonTemplateColumns, "FROM reason_templates ORDER BY title, id"))
      .all(read_reason_template);
}

template <>
bool ConsoleTxOn<pg::Connection>::delete_reason_template(std::int64_t id) {
  return db_.query("DELETE FROM reason_templates WHERE id = $1", id).affected() == 1;
}

template <>
ApplicationPage ConsoleTxOn<pg::Connection>::list_applications(const ApplicationQuery& q) {
  ApplicationPage page;
  page.rows = run(db_, listing_page_sql(q, SqlDialect::postgres)).all(read_listing);
  take_next_page(page, q.limit);
  page.matched = run(db_, listing_count_sql(q, SqlDialect::postgres)).integer(0, 0);
  return page;
}

template <>
std::vector<AwaitedTransfer> ConsoleTxOn<pg::Connection>::transfers_awaiting_confirmation() {
  return db_.query(kAwaitedTransfersSql).all(read_awaited_transfer);
}

template <>
std::vector<std::int64_t> ConsoleTxOn<pg::Connection>::refund_candidates() {
  return db_.query(kRefundCandidatesSql).all(read_integer);
}

template <>
std::vector<UnfilledListing> ConsoleTxOn<pg::Connection>::unfilled_listings(int limit) {
  return db_.query(unfilled_listings_sql(SqlDialect::postgres), limit).all(read_unfilled_listing);
}

template <>
void ConsoleTxOn<pg::Connection>::fill_listing(std::int64_t id, std::string_view subject,
                                               std::string_view operator_name) {
  db_.query("UPDATE applications SET subject = $2, operator_name = $3 WHERE id = $1", id, subject,
            operator_name);
}

template <>
std::map<std::string, std::int64_t> ConsoleTxOn<pg::Connection>::count_applications_by_state() {
  const auto counts =
      db_.query("SELECT state, COUNT(*) FROM applications GROUP BY state").all(read_state_count);
  return {counts.begin(), counts.end()};
}

template <>
std::vector<std::pair<std::int64_t, EventRecord>> ConsoleTxOn<pg::Connection>::events_between(
    std::int64_t from, std::int64_t to) {
  return db_
      .query(select(kEventWithApplicationColumns,
                    "FROM events WHERE at >= $1 AND at < $2 ORDER BY at, id"),
             from, to)
      .all(read_event_with_application);
}

template <>
std::int64_t ConsoleTxOn<pg::Connection>::insert_statement_line(const StatementLine& l) {
  return db_.insert("statement_lines", kStatementLineInsertColumns, statement_line_values(l));
}

template <>
std::vector<StatementLine> ConsoleTxOn<pg::Connection>::statement_lines(bool unmatched_only) {
  return db_
      .query(select(kStatementLineColumns, std::string("FROM statement_lines") +
                                               (unmatched_only ? " WHERE business_no = ''" : "") +
                                               " ORDER BY booked_on, id"))
      .all(read_statement_line);
}

template <>
std::optional<StatementLine> ConsoleTxOn<pg::Connection>::statement_line(std::int64_t id) {
  return db_.query(select(kStatementLineColumns, "FROM statement_lines WHERE id = $1"), id)
      .first(read_statement_line);
}

template <>
void ConsoleTxOn<pg::Connection>::match_statement_line(std::int64_t id,
                                                       std::string_view business_no,
                                                       std::string_view by, std::int64_t at) {
  const auto res = db_.query(
      "UPDATE statement_lines SET business_no = $2, matched_by = $3, matched_at = $4 "
      "WHERE id = $1 AND business_no = ''",
      id, business_no, by, at);
  if (res.affected() != 1) throw Error("statement line missing or already matched", "23514");
}

template <>
void ConsoleTxOn<pg::Connection>::insert_refund(const RefundRecord& r) {
  insert(db_, "refunds", kRefundColumns, refund_values(r));
}

template <>
std::optional<RefundRecord> ConsoleTxOn<pg::Connection>::refund(std::string_view business_no) {
  return db_.query(select(kRefundColumns, "FROM refunds WHERE business_no = $1"), business_no)
      .first(read_refund);
}

}  // namespace certrenew::server
