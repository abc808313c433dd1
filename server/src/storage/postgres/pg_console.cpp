// The console's storage on PostgreSQL: the SQLite backend's statements (sqlite_console.cpp) with
// $n parameters. Audit appends of all instances are serialised by a transaction-scoped advisory
// lock taken when the chain's head is read, so two appends never chain to the same entry.
#include "storage/postgres/pg_console.hpp"

#include "storage/application_listing_sql.hpp"

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

constexpr std::int64_t kAuditChainLock = 0x4365727441756431;  // "CertAud1"

constexpr std::string_view kOperatorSelect =
    "SELECT name, role, password_hash, totp_secret, totp_last_step, disabled, failed_logins, "
    "locked_until, created_at, updated_at FROM operators";

OperatorRecord read_operator(const Result& row, int i) {
  OperatorRecord r;
  r.name = row.text(i, 0);
  r.role = row.text(i, 1);
  r.password_hash = row.text(i, 2);
  r.totp_secret = row.text(i, 3);
  r.totp_last_step = row.integer(i, 4);
  r.disabled = row.integer(i, 5) != 0;
  r.failed_logins = static_cast<int>(row.integer(i, 6));
  r.locked_until = row.integer(i, 7);
  r.created_at = row.integer(i, 8);
  r.updated_at = row.integer(i, 9);
  return r;
}

constexpr std::string_view kAuditSelect =
    "SELECT seq, at, actor, role, source, action, business_no, before, after, detail, prev_hash, "
    "hash FROM audit_log";

AuditEntry read_audit(const Result& row, int i) {
  return {row.integer(i, 0), row.integer(i, 1), row.text(i, 2),  row.text(i, 3),
          row.text(i, 4),    row.text(i, 5),    row.text(i, 6),  row.text(i, 7),
          row.text(i, 8),    row.text(i, 9),    row.text(i, 10), row.text(i, 11)};
}

constexpr std::string_view kStatementSelect =
    "SELECT id, upload_id, line_no, booked_on, amount_fen, payer_name, payer_account, reference, "
    "business_no, matched_by, matched_at, uploaded_at FROM statement_lines";

StatementLine read_statement_line(const Result& row, int i) {
  StatementLine l;
  l.id = row.integer(i, 0);
  l.upload_id = row.text(i, 1);
  l.line_no = static_cast<int>(row.integer(i, 2));
  l.booked_on = row.text(i, 3);
  l.amount_fen = row.integer(i, 4);
  l.payer_name = row.text(i, 5);
  l.payer_account = row.text(i, 6);
  l.reference = row.text(i, 7);
  l.business_no = row.text(i, 8);
  l.matched_by = row.text(i, 9);
  l.matched_at = row.integer(i, 10);
  l.uploaded_at = row.integer(i, 11);
  return l;
}

std::int64_t flag(bool b) {
  return b ? 1 : 0;
}

}  // namespace

template <>
void ConsoleTxOn<pg::Connection>::insert_operator(const OperatorRecord& r) {
  db_.query(
      "INSERT INTO operators (name, role, password_hash, totp_secret, totp_last_step, disabled, "
      "failed_logins, locked_until, created_at, updated_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
      r.name, r.role, r.password_hash, r.totp_secret, r.totp_last_step, flag(r.disabled),
      std::int64_t{r.failed_logins}, r.locked_until, r.created_at, r.updated_at);
}

template <>
void ConsoleTxOn<pg::Connection>::update_operator(const OperatorRecord& r) {
  const auto res = db_.query(
      "UPDATE operators SET role = $2, password_hash = $3, totp_secret = $4, totp_last_step = $5, "
      "disabled = $6, failed_logins = $7, locked_until = $8, updated_at = $9 WHERE name = $1",
      r.name, r.role, r.password_hash, r.totp_secret, r.totp_last_step, flag(r.disabled),
      std::int64_t{r.failed_logins}, r.locked_until, r.updated_at);
  if (res.affected() != 1) throw Error("no operator with that name", "P0002");
}

template <>
std::optional<OperatorRecord> ConsoleTxOn<pg::Connection>::operator_by_name(std::string_view name) {
  const auto res = db_.query(std::string(kOperatorSelect) + " WHERE name = $1", name);
  if (res.empty()) return std::nullopt;
  return read_operator(res, 0);
}

template <>
std::vector<OperatorRecord> ConsoleTxOn<pg::Connection>::operators() {
  const auto res = db_.query(std::string(kOperatorSelect) + " ORDER BY name");
  std::vector<OperatorRecord> out;
  for (int i = 0; i < res.rows(); ++i) out.push_back(read_operator(res, i));
  return out;
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
  const auto res =
      db_.query("SELECT operator_name FROM operator_tokens WHERE token_sha256 = $1", token_sha256);
  if (res.empty()) return std::nullopt;
  return res.text(0, 0);
}

template <>
void ConsoleTxOn<pg::Connection>::delete_operator_tokens(std::string_view operator_name) {
  db_.query("DELETE FROM operator_tokens WHERE operator_name = $1", operator_name);
}

template <>
void ConsoleTxOn<pg::Connection>::insert_session(const SessionRecord& s) {
  db_.query(
      "INSERT INTO console_sessions (id_sha256, operator_name, csrf_token, source, created_at, "
      "expires_at, last_seen) VALUES ($1, $2, $3, $4, $5, $6, $7)",
      s.id_sha256, s.operator_name, s.csrf_token, s.source, s.created_at, s.expires_at,
      s.last_seen);
}

template <>
std::optional<SessionRecord> ConsoleTxOn<pg::Connection>::session(std::string_view id_sha256) {
  const auto res = db_.query(
      "SELECT id_sha256, operator_name, csrf_token, source, created_at, expires_at, last_seen "
      "FROM console_sessions WHERE id_sha256 = $1",
      id_sha256);
  if (res.empty()) return std::nullopt;
  return SessionRecord{res.text(0, 0),    res.text(0, 1),    res.text(0, 2),   res.text(0, 3),
                       res.integer(0, 4), res.integer(0, 5), res.integer(0, 6)};
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
  db_.query(
      "INSERT INTO audit_log (seq, at, actor, role, source, action, business_no, before, after, "
      "detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
      e.seq, e.at, e.actor, e.role, e.source, e.action, e.business_no, e.before, e.after, e.detail,
      e.prev_hash, e.hash);
}

template <>
std::optional<AuditEntry> ConsoleTxOn<pg::Connection>::last_audit_entry() {
  // Held until this transaction ends: the next append waits for this one's commit.
  db_.query("SELECT pg_advisory_xact_lock($1)", kAuditChainLock);
  const auto res = db_.query(std::string(kAuditSelect) + " ORDER BY seq DESC LIMIT 1");
  if (res.empty()) return std::nullopt;
  return read_audit(res, 0);
}

template <>
std::vector<AuditEntry> ConsoleTxOn<pg::Connection>::audit_entries(const AuditQuery& q) {
  const auto res = db_.query(
      "SELECT * FROM (" + std::string(kAuditSelect) +
          " WHERE ($1 = 0 OR at >= $1) AND ($2 = 0 OR at < $2) AND ($3 = '' OR actor = $3) "
          "AND ($4 = '' OR business_no = $4) ORDER BY seq DESC LIMIT $5) newest ORDER BY seq",
      q.from, q.to, q.actor, q.business_no, std::int64_t{q.limit});
  std::vector<AuditEntry> out;
  for (int i = 0; i < res.rows(); ++i) out.push_back(read_audit(res, i));
  return out;
}

template <>
std::vector<AuditEntry> ConsoleTxOn<pg::Connection>::audit_entries_after(std::int64_t seq,
                                                                         int limit) {
  const auto res = db_.query(std::string(kAuditSelect) + " WHERE seq > $1 ORDER BY seq LIMIT $2",
                             seq, std::int64_t{limit});
  std::vector<AuditEntry> out;
  for (int i = 0; i < res.rows(); ++i) out.push_back(read_audit(res, i));
  return out;
}

template <>
std::int64_t ConsoleTxOn<pg::Connection>::insert_reason_template(const ReasonTemplate& t) {
  return db_
      .query(
          "INSERT INTO reason_templates (title, text, created_by, created_at) "
          "VALUES ($1, $2, $3, $4) RETURNING id",
          t.title, t.text, t.created_by, t.created_at)
      .integer(0, 0);
}

template <>
std::vector<ReasonTemplate> ConsoleTxOn<pg::Connection>::reason_templates() {
  const auto res = db_.query(
      "SELECT id, title, text, created_by, created_at FROM reason_templates ORDER BY title, id");
  std::vector<ReasonTemplate> out;
  for (int i = 0; i < res.rows(); ++i)
    out.push_back(
        {res.integer(i, 0), res.text(i, 1), res.text(i, 2), res.text(i, 3), res.integer(i, 4)});
  return out;
}

template <>
bool ConsoleTxOn<pg::Connection>::delete_reason_template(std::int64_t id) {
  return db_.query("DELETE FROM reason_templates WHERE id = $1", id).affected() == 1;
}

template <>
std::vector<ApplicationRecord> ConsoleTxOn<pg::Connection>::find_applications(
    const ApplicationQuery& q) {
  const auto res = run(db_, matching_ids_sql(q, SqlDialect::postgres));
  std::vector<ApplicationRecord> out;
  for (int i = 0; i < res.rows(); ++i)
    if (auto r = parent_.application_by_id(res.integer(i, 0))) out.push_back(std::move(*r));
  return out;
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
  const auto res = db_.query(kRefundCandidatesSql);
  std::vector<std::int64_t> out;
  for (int i = 0; i < res.rows(); ++i) out.push_back(res.integer(i, 0));
  return out;
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
  const auto res = db_.query("SELECT state, COUNT(*) FROM applications GROUP BY state");
  std::map<std::string, std::int64_t> out;
  for (int i = 0; i < res.rows(); ++i) out[res.text(i, 0)] = res.integer(i, 1);
  return out;
}

template <>
std::vector<std::pair<std::int64_t, EventRecord>> ConsoleTxOn<pg::Connection>::events_between(
    std::int64_t from, std::int64_t to) {
  const auto res = db_.query(
      "SELECT application_id, at, actor, kind, detail FROM events WHERE at >= $1 AND at < $2 "
      "ORDER BY at, id",
      from, to);
  std::vector<std::pair<std::int64_t, EventRecord>> out;
  for (int i = 0; i < res.rows(); ++i)
    out.push_back(
        {res.integer(i, 0), {res.integer(i, 1), res.text(i, 2), res.text(i, 3), res.text(i, 4)}});
  return out;
}

template <>
std::int64_t ConsoleTxOn<pg::Connection>::insert_statement_line(const StatementLine& l) {
  return db_
      .query(
          "INSERT INTO statement_lines (upload_id, line_no, booked_on, amount_fen, payer_name, "
          "payer_account, reference, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
          "RETURNING id",
          l.upload_id, std::int64_t{l.line_no}, l.booked_on, l.amount_fen, l.payer_name,
          l.payer_account, l.reference, l.uploaded_at)
      .integer(0, 0);
}

template <>
std::vector<StatementLine> ConsoleTxOn<pg::Connection>::statement_lines(bool unmatched_only) {
  const auto res =
      db_.query(std::string(kStatementSelect) + (unmatched_only ? " WHERE business_no = ''" : "") +
                " ORDER BY booked_on, id");
  std::vector<StatementLine> out;
  for (int i = 0; i < res.rows(); ++i) out.push_back(read_statement_line(res, i));
  return out;
}

template <>
std::optional<StatementLine> ConsoleTxOn<pg::Connection>::statement_line(std::int64_t id) {
  const auto res = db_.query(std::string(kStatementSelect) + " WHERE id = $1", id);
  if (res.empty()) return std::nullopt;
  return read_statement_line(res, 0);
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
  db_.query(
      "INSERT INTO refunds (business_no, recorded_by, note, recorded_at) VALUES ($1, $2, $3, $4)",
      r.business_no, r.recorded_by, r.note, r.recorded_at);
}

template <>
std::optional<RefundRecord> ConsoleTxOn<pg::Connection>::refund(std::string_view business_no) {
  const auto res = db_.query(
      "SELECT business_no, recorded_by, note, recorded_at FROM refunds WHERE business_no = $1",
      business_no);
  if (res.empty()) return std::nullopt;
  return RefundRecord{res.text(0, 0), res.text(0, 1), res.text(0, 2), res.integer(0, 3)};
}

}  // namespace certrenew::server
