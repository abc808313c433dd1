#include "storage/sqlite_console.hpp"

#include "storage/application_listing_sql.hpp"

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

constexpr std::string_view kOperatorSelect =
    "SELECT name, role, password_hash, totp_secret, totp_last_step, disabled, failed_logins, "
    "locked_until, created_at, updated_at FROM operators";

OperatorRecord read_operator(const sqlite::Statement& row) {
  OperatorRecord r;
  r.name = row.column_text(0);
  r.role = row.column_text(1);
  r.password_hash = row.column_text(2);
  r.totp_secret = row.column_text(3);
  r.totp_last_step = row.column_int(4);
  r.disabled = row.column_int(5) != 0;
  r.failed_logins = static_cast<int>(row.column_int(6));
  r.locked_until = row.column_int(7);
  r.created_at = row.column_int(8);
  r.updated_at = row.column_int(9);
  return r;
}

constexpr std::string_view kAuditSelect =
    "SELECT seq, at, actor, role, source, action, business_no, before, after, detail, prev_hash, "
    "hash FROM audit_log";

AuditEntry read_audit(const sqlite::Statement& row) {
  return {row.column_int(0),  row.column_int(1),  row.column_text(2),  row.column_text(3),
          row.column_text(4), row.column_text(5), row.column_text(6),  row.column_text(7),
          row.column_text(8), row.column_text(9), row.column_text(10), row.column_text(11)};
}

constexpr std::string_view kStatementSelect =
    "SELECT id, upload_id, line_no, booked_on, amount_fen, payer_name, payer_account, reference, "
    "business_no, matched_by, matched_at, uploaded_at FROM statement_lines";

StatementLine read_statement_line(const sqlite::Statement& row) {
  StatementLine l;
  l.id = row.column_int(0);
  l.upload_id = row.column_text(1);
  l.line_no = static_cast<int>(row.column_int(2));
  l.booked_on = row.column_text(3);
  l.amount_fen = row.column_int(4);
  l.payer_name = row.column_text(5);
  l.payer_account = row.column_text(6);
  l.reference = row.column_text(7);
  l.business_no = row.column_text(8);
  l.matched_by = row.column_text(9);
  l.matched_at = row.column_int(10);
  l.uploaded_at = row.column_int(11);
  return l;
}

}  // namespace

template <>
void ConsoleTxOn<sqlite::Database>::insert_operator(const OperatorRecord& r) {
  auto stmt = db_.prepare(
      "INSERT INTO operators (name, role, password_hash, totp_secret, totp_last_step, disabled, "
      "failed_logins, locked_until, created_at, updated_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  stmt.bind(1, r.name).bind(2, r.role).bind(3, r.password_hash).bind(4, r.totp_secret);
  stmt.bind(5, r.totp_last_step).bind(6, std::int64_t{r.disabled ? 1 : 0});
  stmt.bind(7, std::int64_t{r.failed_logins}).bind(8, r.locked_until);
  stmt.bind(9, r.created_at).bind(10, r.updated_at);
  stmt.run();
}

template <>
void ConsoleTxOn<sqlite::Database>::update_operator(const OperatorRecord& r) {
  auto stmt = db_.prepare(
      "UPDATE operators SET role = ?2, password_hash = ?3, totp_secret = ?4, totp_last_step = ?5, "
      "disabled = ?6, failed_logins = ?7, locked_until = ?8, updated_at = ?9 WHERE name = ?1");
  stmt.bind(1, r.name).bind(2, r.role).bind(3, r.password_hash).bind(4, r.totp_secret);
  stmt.bind(5, r.totp_last_step).bind(6, std::int64_t{r.disabled ? 1 : 0});
  stmt.bind(7, std::int64_t{r.failed_logins}).bind(8, r.locked_until).bind(9, r.updated_at);
  stmt.run();
  if (db_.changes() != 1) throw sqlite::Error("no operator with that name", SQLITE_NOTFOUND);
}

template <>
std::optional<OperatorRecord> ConsoleTxOn<sqlite::Database>::operator_by_name(
    std::string_view name) {
  auto stmt = db_.prepare(std::string(kOperatorSelect) + " WHERE name = ?1");
  stmt.bind(1, name);
  if (!stmt.step()) return std::nullopt;
  return read_operator(stmt);
}

template <>
std::vector<OperatorRecord> ConsoleTxOn<sqlite::Database>::operators() {
  auto stmt = db_.prepare(std::string(kOperatorSelect) + " ORDER BY name");
  std::vector<OperatorRecord> out;
  while (stmt.step()) out.push_back(read_operator(stmt));
  return out;
}

template <>
void ConsoleTxOn<sqlite::Database>::insert_operator_token(std::string_view token_sha256,
                                                          std::string_view operator_name,
                                                          std::int64_t created_at) {
  db_.prepare(
         "INSERT INTO operator_tokens (token_sha256, operator_name, created_at) VALUES (?1, ?2, "
         "?3)")
      .bind(1, token_sha256)
      .bind(2, operator_name)
      .bind(3, created_at)
      .run();
}

template <>
std::optional<std::string> ConsoleTxOn<sqlite::Database>::operator_for_token(
    std::string_view token_sha256) {
  auto stmt = db_.prepare("SELECT operator_name FROM operator_tokens WHERE token_sha256 = ?1");
  stmt.bind(1, token_sha256);
  if (!stmt.step()) return std::nullopt;
  return stmt.column_text(0);
}

template <>
void ConsoleTxOn<sqlite::Database>::delete_operator_tokens(std::string_view operator_name) {
  db_.prepare("DELETE FROM operator_tokens WHERE operator_name = ?1").bind(1, operator_name).run();
}

template <>
void ConsoleTxOn<sqlite::Database>::insert_session(const SessionRecord& s) {
  auto stmt = db_.prepare(
      "INSERT INTO console_sessions (id_sha256, operator_name, csrf_token, source, created_at, "
      "expires_at, last_seen) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  stmt.bind(1, s.id_sha256).bind(2, s.operator_name).bind(3, s.csrf_token).bind(4, s.source);
  stmt.bind(5, s.created_at).bind(6, s.expires_at).bind(7, s.last_seen);
  stmt.run();
}

template <>
std::optional<SessionRecord> ConsoleTxOn<sqlite::Database>::session(std::string_view id_sha256) {
  auto stmt = db_.prepare(
      "SELECT id_sha256, operator_name, csrf_token, source, created_at, expires_at, last_seen "
      "FROM console_sessions WHERE id_sha256 = ?1");
  stmt.bind(1, id_sha256);
  if (!stmt.step()) return std::nullopt;
  return SessionRecord{stmt.column_text(0), stmt.column_text(1), stmt.column_text(2),
                       stmt.column_text(3), stmt.column_int(4),  stmt.column_int(5),
                       stmt.column_int(6)};
}

template <>
void ConsoleTxOn<sqlite::Database>::touch_session(std::string_view id_sha256,
                                                  std::int64_t last_seen) {
  db_.prepare("UPDATE console_sessions SET last_seen = ?2 WHERE id_sha256 = ?1")
      .bind(1, id_sha256)
      .bind(2, last_seen)
      .run();
}

template <>
void ConsoleTxOn<sqlite::Database>::delete_session(std::string_view id_sha256) {
  db_.prepare("DELETE FROM console_sessions WHERE id_sha256 = ?1").bind(1, id_sha256).run();
}

template <>
void ConsoleTxOn<sqlite::Database>::delete_sessions_of(std::string_view operator_name) {
  db_.prepare("DELETE FROM console_sessions WHERE operator_name = ?1").bind(1, operator_name).run();
}

template <>
void ConsoleTxOn<sqlite::Database>::delete_expired_sessions(std::int64_t now) {
  db_.prepare("DELETE FROM console_sessions WHERE expires_at <= ?1").bind(1, now).run();
}

template <>
void ConsoleTxOn<sqlite::Database>::insert_audit_entry(const AuditEntry& e) {
  auto stmt = db_.prepare(
      "INSERT INTO audit_log (seq, at, actor, role, source, action, business_no, before, after, "
      "detail, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  stmt.bind(1, e.seq).bind(2, e.at).bind(3, e.actor).bind(4, e.role).bind(5, e.source);
  stmt.bind(6, e.action).bind(7, e.business_no).bind(8, e.before).bind(9, e.after);
  stmt.bind(10, e.detail).bind(11, e.prev_hash).bind(12, e.hash);
  stmt.run();
}

template <>
std::optional<AuditEntry> ConsoleTxOn<sqlite::Database>::last_audit_entry() {
  auto stmt = db_.prepare(std::string(kAuditSelect) + " ORDER BY seq DESC LIMIT 1");
  if (!stmt.step()) return std::nullopt;
  return read_audit(stmt);
}

template <>
std::vector<AuditEntry> ConsoleTxOn<sqlite::Database>::audit_entries(const AuditQuery& q) {
  auto stmt =
      db_.prepare("SELECT * FROM (" + std::string(kAuditSelect) +
                  " WHERE (?1 = 0 OR at >= ?1) AND (?2 = 0 OR at < ?2) AND (?3 = '' OR actor = ?3) "
                  "AND (?4 = '' OR business_no = ?4) ORDER BY seq DESC LIMIT ?5) ORDER BY seq");
  stmt.bind(1, q.from).bind(2, q.to).bind(3, q.actor).bind(4, q.business_no);
  stmt.bind(5, std::int64_t{q.limit});
  std::vector<AuditEntry> out;
  while (stmt.step()) out.push_back(read_audit(stmt));
  return out;
}

template <>
std::vector<AuditEntry> ConsoleTxOn<sqlite::Database>::audit_entries_after(std::int64_t seq,
                                                                           int limit) {
  auto stmt = db_.prepare(std::string(kAuditSelect) + " WHERE seq > ?1 ORDER BY seq LIMIT ?2");
  stmt.bind(1, seq).bind(2, std::int64_t{limit});
  std::vector<AuditEntry> out;
  while (stmt.step()) out.push_back(read_audit(stmt));
  return out;
}

template <>
std::int64_t ConsoleTxOn<sqlite::Database>::insert_reason_template(const ReasonTemplate& t) {
  db_.prepare(
         "INSERT INTO reason_templates (title, text, created_by, created_at) VALUES (?1, ?2, ?3, "
         "?4)")
      .bind(1, t.title)
      .bind(2, t.text)
      .bind(3, t.created_by)
      .bind(4, t.created_at)
      .run();
  return db_.last_insert_rowid();
}

template <>
std::vector<ReasonTemplate> ConsoleTxOn<sqlite::Database>::reason_templates() {
  auto stmt = db_.prepare(
      "SELECT id, title, text, created_by, created_at FROM reason_templates ORDER BY title, id");
  std::vector<ReasonTemplate> out;
  while (stmt.step())
    out.push_back({stmt.column_int(0), stmt.column_text(1), stmt.column_text(2),
                   stmt.column_text(3), stmt.column_int(4)});
  return out;
}

template <>
bool ConsoleTxOn<sqlite::Database>::delete_reason_template(std::int64_t id) {
  db_.prepare("DELETE FROM reason_templates WHERE id = ?1").bind(1, id).run();
  return db_.changes() == 1;
}

template <>
std::vector<ApplicationRecord> ConsoleTxOn<sqlite::Database>::find_applications(
    const ApplicationQuery& q) {
  auto stmt = prepared(db_, matching_ids_sql(q, SqlDialect::sqlite));
  std::vector<std::int64_t> ids;
  while (stmt.step()) ids.push_back(stmt.column_int(0));
  std::vector<ApplicationRecord> out;
  for (auto id : ids)
    if (auto r = parent_.application_by_id(id)) out.push_back(std::move(*r));
  return out;
}

template <>
ApplicationPage ConsoleTxOn<sqlite::Database>::list_applications(const ApplicationQuery& q) {
  ApplicationPage page;
  page.rows = prepared(db_, listing_page_sql(q, SqlDialect::sqlite)).all(read_listing);
  take_next_page(page, q.limit);
  auto count = prepared(db_, listing_count_sql(q, SqlDialect::sqlite));
  if (count.step()) page.matched = count.column_int(0);
  return page;
}

template <>
std::vector<AwaitedTransfer> ConsoleTxOn<sqlite::Database>::transfers_awaiting_confirmation() {
  return db_.prepare(kAwaitedTransfersSql).all(read_awaited_transfer);
}

template <>
std::vector<std::int64_t> ConsoleTxOn<sqlite::Database>::refund_candidates() {
  auto stmt = db_.prepare(kRefundCandidatesSql);
  std::vector<std::int64_t> out;
  while (stmt.step()) out.push_back(stmt.column_int(0));
  return out;
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
  auto stmt = db_.prepare("SELECT state, COUNT(*) FROM applications GROUP BY state");
  std::map<std::string, std::int64_t> out;
  while (stmt.step()) out[stmt.column_text(0)] = stmt.column_int(1);
  return out;
}

template <>
std::vector<std::pair<std::int64_t, EventRecord>> ConsoleTxOn<sqlite::Database>::events_between(
    std::int64_t from, std::int64_t to) {
  auto stmt = db_.prepare(
      "SELECT application_id, at, actor, kind, detail FROM events WHERE at >= ?1 AND at < ?2 "
      "ORDER BY at, id");
  stmt.bind(1, from).bind(2, to);
  std::vector<std::pair<std::int64_t, EventRecord>> out;
  while (stmt.step())
    out.push_back(
        {stmt.column_int(0),
         {stmt.column_int(1), stmt.column_text(2), stmt.column_text(3), stmt.column_text(4)}});
  return out;
}

template <>
std::int64_t ConsoleTxOn<sqlite::Database>::insert_statement_line(const StatementLine& l) {
  auto stmt = db_.prepare(
      "INSERT INTO statement_lines (upload_id, line_no, booked_on, amount_fen, payer_name, "
      "payer_account, reference, uploaded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  stmt.bind(1, l.upload_id).bind(2, std::int64_t{l.line_no}).bind(3, l.booked_on);
  stmt.bind(4, l.amount_fen).bind(5, l.payer_name).bind(6, l.payer_account);
  stmt.bind(7, l.reference).bind(8, l.uploaded_at);
  stmt.run();
  return db_.last_insert_rowid();
}

template <>
std::vector<StatementLine> ConsoleTxOn<sqlite::Database>::statement_lines(bool unmatched_only) {
  auto stmt =
      db_.prepare(std::string(kStatementSelect) +
                  (unmatched_only ? " WHERE business_no = ''" : "") + " ORDER BY booked_on, id");
  std::vector<StatementLine> out;
  while (stmt.step()) out.push_back(read_statement_line(stmt));
  return out;
}

template <>
std::optional<StatementLine> ConsoleTxOn<sqlite::Database>::statement_line(std::int64_t id) {
  auto stmt = db_.prepare(std::string(kStatementSelect) + " WHERE id = ?1");
  stmt.bind(1, id);
  if (!stmt.step()) return std::nullopt;
  return read_statement_line(stmt);
}

template <>
void ConsoleTxOn<sqlite::Database>::match_statement_line(std::int64_t id,
                                                         std::string_view business_no,
                                                         std::string_view by, std::int64_t at) {
  db_.prepare(
         "UPDATE statement_lines SET business_no = ?2, matched_by = ?3, matched_at = ?4 "
         "WHERE id = ?1 AND business_no = ''")
      .bind(1, id)
      .bind(2, business_no)
      .bind(3, by)
      .bind(4, at)
      .run();
  if (db_.changes() != 1)
    throw sqlite::Error("statement line missing or already matched", SQLITE_CONSTRAINT);
}

template <>
void ConsoleTxOn<sqlite::Database>::insert_refund(const RefundRecord& r) {
  db_.prepare(
         "INSERT INTO refunds (business_no, recorded_by, note, recorded_at) VALUES (?1, ?2, ?3, "
         "?4)")
      .bind(1, r.business_no)
      .bind(2, r.recorded_by)
      .bind(3, r.note)
      .bind(4, r.recorded_at)
      .run();
}

template <>
std::optional<RefundRecord> ConsoleTxOn<sqlite::Database>::refund(std::string_view business_no) {
  auto stmt = db_.prepare(
      "SELECT business_no, recorded_by, note, recorded_at FROM refunds WHERE business_no = ?1");
  stmt.bind(1, business_no);
  if (!stmt.step()) return std::nullopt;
  return RefundRecord{stmt.column_text(0), stmt.column_text(1), stmt.column_text(2),
                      stmt.column_int(3)};
}

}  // namespace certrenew::server
