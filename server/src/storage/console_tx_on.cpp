// The console's storage, once for both backends: its statements in SQLite's notation, run in the
// connection's (storage/backend_calls.hpp), the records read and written through
// storage/console_rows.hpp and storage/record_rows.hpp. Audit appends of all PostgreSQL instances
// are serialised by a transaction-scoped advisory lock taken when the chain's head is read, so two
// appends never chain to the same entry; SQLite's transactions write one at a time already
// (BEGIN IMMEDIATE).
#include "storage/console_tx_on.hpp"

#include "storage/application_listing_sql.hpp"
#include "storage/application_lists_sql.hpp"
#include "storage/backend_calls.hpp"
#include "storage/console_rows.hpp"
#include "storage/postgres/pg_console.hpp"
#include "storage/record_rows.hpp"
#include "storage/sqlite_console.hpp"

namespace certrenew::server {

namespace {

constexpr std::int64_t kAuditChainLock = 0x4365727441756431;  // "CertAud1"

// Held until the transaction ends: the next append waits for this one's commit. Sent with the
// read of the chain's head that follows it, in one pipeline (issue 17).
void lock_audit_chain(sqlite::Database&) {}
void lock_audit_chain(pg::Connection& db) {
  db.defer("SELECT pg_advisory_xact_lock($1)", kAuditChainLock);
}

template <typename Db>
void insert(Db& db, std::string_view table, std::string_view columns, const auto& values) {
  changed(db, insert_sql(dialect_of(db), table, columns), values);
}

}  // namespace

template <typename Db>
void ConsoleTxOn<Db>::insert_operator(const OperatorRecord& r) {
  insert(db_, "operators", kOperatorColumns, operator_values(r));
}

template <typename Db>
void ConsoleTxOn<Db>::update_operator(const OperatorRecord& r) {
  const auto n = changed(
      db_,
      "UPDATE operators SET role = ?2, password_hash = ?3, totp_secret = ?4, totp_last_step = ?5, "
      "disabled = ?6, failed_logins = ?7, locked_until = ?8, updated_at = ?9 WHERE name = ?1",
      r.name, r.role, r.password_hash, r.totp_secret, r.totp_last_step,
      std::int64_t{r.disabled ? 1 : 0}, std::int64_t{r.failed_logins}, r.locked_until,
      r.updated_at);
  if (n != 1) throw_unchanged(db_, "no operator with that name", Unchanged::missing);
}

template <typename Db>
std::optional<OperatorRecord> ConsoleTxOn<Db>::operator_by_name(std::string_view name) {
  return rows(db_, select(kOperatorColumns, "FROM operators WHERE name = ?1"), name)
      .first(read_operator);
}

template <typename Db>
std::vector<OperatorRecord> ConsoleTxOn<Db>::operators() {
  return rows(db_, select(kOperatorColumns, "FROM operators ORDER BY name")).all(read_operator);
}

template <typename Db>
void ConsoleTxOn<Db>::insert_operator_token(std::string_view token_sha256,
                                            std::string_view operator_name,
                                            std::int64_t created_at) {
  changed(
      db_,
      "INSERT INTO operator_tokens (token_sha256, operator_name, created_at) VALUES (?1, ?2, ?3)",
      token_sha256, operator_name, created_at);
}

template <typename Db>
std::optional<std::string> ConsoleTxOn<Db>::operator_for_token(std::string_view token_sha256) {
  return rows(db_, "SELECT operator_name FROM operator_tokens WHERE token_sha256 = ?1",
              token_sha256)
      .first(read_text);
}

template <typename Db>
void ConsoleTxOn<Db>::delete_operator_tokens(std::string_view operator_name) {
  changed(db_, "DELETE FROM operator_tokens WHERE operator_name = ?1", operator_name);
}

template <typename Db>
void ConsoleTxOn<Db>::insert_session(const SessionRecord& s) {
  insert(db_, "console_sessions", kSessionColumns, fields(s));
}

template <typename Db>
std::optional<SessionRecord> ConsoleTxOn<Db>::session(std::string_view id_sha256) {
  return record<SessionRecord>(db_, kSessionColumns, "FROM console_sessions WHERE id_sha256 = ?1",
                               id_sha256);
}

template <typename Db>
void ConsoleTxOn<Db>::touch_session(std::string_view id_sha256, std::int64_t last_seen) {
  changed(db_, "UPDATE console_sessions SET last_seen = ?2 WHERE id_sha256 = ?1", id_sha256,
          last_seen);
}

template <typename Db>
void ConsoleTxOn<Db>::delete_session(std::string_view id_sha256) {
  changed(db_, "DELETE FROM console_sessions WHERE id_sha256 = ?1", id_sha256);
}

template <typename Db>
void ConsoleTxOn<Db>::delete_sessions_of(std::string_view operator_name) {
  changed(db_, "DELETE FROM console_sessions WHERE operator_name = ?1", operator_name);
}

template <typename Db>
void ConsoleTxOn<Db>::delete_expired_sessions(std::int64_t now) {
  changed(db_, "DELETE FROM console_sessions WHERE expires_at <= ?1", now);
}

// Its failure (a seq taken, were appends not serialised) fails the transaction at the next
// statement or the COMMIT, where it travels on PostgreSQL (issue 17).
template <typename Db>
void ConsoleTxOn<Db>::insert_audit_entry(const AuditEntry& e) {
  deferred(db_, insert_sql(dialect_of(db_), "audit_log", kAuditColumns), fields(e));
}

template <typename Db>
std::optional<AuditEntry> ConsoleTxOn<Db>::last_audit_entry() {
  lock_audit_chain(db_);
  return record<AuditEntry>(db_, kAuditColumns, "FROM audit_log ORDER BY seq DESC LIMIT 1");
}

template <typename Db>
std::vector<AuditEntry> ConsoleTxOn<Db>::audit_entries(const AuditQuery& q) {
  return rows(db_,
              "SELECT * FROM (" +
                  select(kAuditColumns,
                         "FROM audit_log WHERE (?1 = 0 OR at >= ?1) AND (?2 = 0 OR at < ?2) AND "
                         "(?3 = '' OR actor = ?3) AND (?4 = '' OR business_no = ?4) ORDER BY seq "
                         "DESC LIMIT ?5") +
                  ") newest ORDER BY seq",
              q.from, q.to, q.actor, q.business_no, std::int64_t{q.limit})
      .all(read_record<AuditEntry>);
}

template <typename Db>
std::vector<AuditEntry> ConsoleTxOn<Db>::audit_entries_after(std::int64_t seq, int limit) {
  return records<AuditEntry>(db_, kAuditColumns,
                             "FROM audit_log WHERE seq > ?1 ORDER BY seq LIMIT ?2", seq,
                             std::int64_t{limit});
}

template <typename Db>
std::int64_t ConsoleTxOn<Db>::insert_reason_template(const ReasonTemplate& t) {
  return insert_keyed(db_, "reason_templates", kReasonTemplateColumns, t);
}

template <typename Db>
std::vector<ReasonTemplate> ConsoleTxOn<Db>::reason_templates() {
  return records<ReasonTemplate>(db_, kReasonTemplateColumns,
                                 "FROM reason_templates ORDER BY title, id");
}

template <typename Db>
bool ConsoleTxOn<Db>::delete_reason_template(std::int64_t id) {
  return changed(db_, "DELETE FROM reason_templates WHERE id = ?1", id) == 1;
}

template <typename Db>
ApplicationPage ConsoleTxOn<Db>::list_applications(const ApplicationQuery& q) {
  ApplicationPage page;
  page.rows = query(db_, listing_page_sql(q, dialect_of(db_))).all(read_listing);
  take_next_page(page, q.limit);
  page.matched = query(db_, listing_count_sql(q, dialect_of(db_))).first(read_integer).value_or(0);
  return page;
}

template <typename Db>
std::vector<AwaitedTransfer> ConsoleTxOn<Db>::transfers_awaiting_confirmation() {
  return rows(db_, kAwaitedTransfersSql).all(read_awaited_transfer);
}

template <typename Db>
std::vector<std::int64_t> ConsoleTxOn<Db>::refund_candidates() {
  return rows(db_, kRefundCandidatesSql).all(read_integer);
}

template <typename Db>
std::vector<UnfilledListing> ConsoleTxOn<Db>::unfilled_listings(int limit) {
  return rows(db_, unfilled_listings_sql(dialect_of(db_)), std::int64_t{limit})
      .all(read_unfilled_listing);
}

template <typename Db>
void ConsoleTxOn<Db>::fill_listing(std::int64_t id, std::string_view subject,
                                   std::string_view operator_name) {
  changed(db_, "UPDATE applications SET subject = ?2, operator_name = ?3 WHERE id = ?1", id,
          subject, operator_name);
}

template <typename Db>
std::map<std::string, std::int64_t> ConsoleTxOn<Db>::count_applications_by_state() {
  return parent_.application_counts_by_state();  // the metrics' gauges count the same
}

template <typename Db>
std::vector<std::pair<std::int64_t, EventRecord>> ConsoleTxOn<Db>::events_between(std::int64_t from,
                                                                                  std::int64_t to) {
  return rows(db_,
              select(kEventWithApplicationColumns,
                     "FROM events WHERE at >= ?1 AND at < ?2 ORDER BY at, id"),
              from, to)
      .all(read_event_with_application);
}

template <typename Db>
std::int64_t ConsoleTxOn<Db>::insert_statement_line(const StatementLine& l) {
  return db_.insert("statement_lines", kStatementLineInsertColumns, statement_line_values(l));
}

template <typename Db>
std::vector<StatementLine> ConsoleTxOn<Db>::statement_lines(bool unmatched_only) {
  return records<StatementLine>(db_, kStatementLineColumns,
                                std::string("FROM statement_lines") +
                                    (unmatched_only ? " WHERE business_no = ''" : "") +
                                    " ORDER BY booked_on, id");
}

template <typename Db>
std::optional<StatementLine> ConsoleTxOn<Db>::statement_line(std::int64_t id) {
  return record<StatementLine>(db_, kStatementLineColumns, "FROM statement_lines WHERE id = ?1",
                               id);
}

template <typename Db>
void ConsoleTxOn<Db>::match_statement_line(std::int64_t id, std::string_view business_no,
                                           std::string_view by, std::int64_t at) {
  const auto n = changed(db_,
                         "UPDATE statement_lines SET business_no = ?2, matched_by = ?3, "
                         "matched_at = ?4 WHERE id = ?1 AND business_no = ''",
                         id, business_no, by, at);
  if (n != 1) throw_unchanged(db_, "statement line missing or already matched", Unchanged::refused);
}

template <typename Db>
void ConsoleTxOn<Db>::insert_refund(const RefundRecord& r) {
  insert(db_, "refunds", kRefundColumns, fields(r));
}

template <typename Db>
std::optional<RefundRecord> ConsoleTxOn<Db>::refund(std::string_view business_no) {
  return record<RefundRecord>(db_, kRefundColumns, "FROM refunds WHERE business_no = ?1",
                              business_no);
}

// --- The console's second round (console2): API token counts and refunds carried out ---

template <typename Db>
std::int64_t ConsoleTxOn<Db>::operator_token_count(std::string_view operator_name) {
  return rows(db_, "SELECT COUNT(*) FROM operator_tokens WHERE operator_name = ?1", operator_name)
      .first(read_integer)
      .value_or(0);
}

template <typename Db>
std::int64_t ConsoleTxOn<Db>::insert_refund_payout(const RefundPayout& p) {
  return insert_keyed(db_, "refund_payouts", kRefundPayoutColumns, p);
}

template <typename Db>
void ConsoleTxOn<Db>::update_refund_payout(const RefundPayout& p) {
  const auto n = changed(db_,
                         "UPDATE refund_payouts SET state = ?2, reference = ?3, message = ?4, "
                         "updated_at = ?5 WHERE id = ?1",
                         p.id, p.state, p.reference, p.message, p.updated_at);
  if (n != 1) throw_unchanged(db_, "no such refund payout", Unchanged::refused);
}

template <typename Db>
std::vector<RefundPayout> ConsoleTxOn<Db>::refund_payouts_of(std::string_view business_no) {
  return rows(db_, refund_payouts_sql(), business_no).all(read_record<RefundPayout>);
}

template <typename Db>
std::vector<RefundPayout> ConsoleTxOn<Db>::refund_payouts_between(std::int64_t from,
                                                                  std::int64_t to) {
  return records<RefundPayout>(db_, kRefundPayoutColumns,
                               "FROM refund_payouts WHERE updated_at >= ?1 AND updated_at < ?2 "
                               "ORDER BY updated_at, id",
                               from, to);
}

template class ConsoleTxOn<sqlite::Database>;
template class ConsoleTxOn<pg::Connection>;

}  // namespace certrenew::server
