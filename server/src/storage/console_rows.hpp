#pragma once
// The console's records as rows (storage/record_rows.hpp does the same for the service's, and
// says how): for each, the columns a SELECT names, its fields() and the one reader both backends
// use, and where an insert names other columns, those and the record's values in that order.

#include <cstdint>
#include <string_view>
#include <tuple>
#include <utility>

#include "storage/console_store.hpp"
#include "storage/record_rows.hpp"
#include "storage/row_reader.hpp"

namespace certrenew::server {

// `disabled` is stored as 0 or 1.
inline constexpr std::string_view kOperatorColumns =
    "name, role, password_hash, totp_secret, totp_last_step, disabled, failed_logins, "
    "locked_until, created_at, updated_at";
OperatorRecord read_operator(RowReader& row);
inline auto operator_values(const OperatorRecord& r) {
  return std::make_tuple(r.name, r.role, r.password_hash, r.totp_secret, r.totp_last_step,
                         std::int64_t{r.disabled ? 1 : 0}, std::int64_t{r.failed_logins},
                         r.locked_until, r.created_at, r.updated_at);
}

inline constexpr std::string_view kSessionColumns =
    "id_sha256, operator_name, csrf_token, source, created_at, expires_at, last_seen";
auto fields(RecordOf<SessionRecord> auto& s) {
  return std::tie(s.id_sha256, s.operator_name, s.csrf_token, s.source, s.created_at, s.expires_at,
                  s.last_seen);
}

inline constexpr std::string_view kAuditColumns =
    "seq, at, actor, role, source, action, business_no, before, after, detail, prev_hash, hash";
auto fields(RecordOf<AuditEntry> auto& e) {
  return std::tie(e.seq, e.at, e.actor, e.role, e.source, e.action, e.business_no, e.before,
                  e.after, e.detail, e.prev_hash, e.hash);
}

inline constexpr std::string_view kReasonTemplateColumns =
    "id, title, text, created_by, created_at";
auto fields(RecordOf<ReasonTemplate> auto& t) {
  return std::tie(t.id, t.title, t.text, t.created_by, t.created_at);
}

// A bank statement's line; inserted unmatched (business_no, matched_by, matched_at as defaults).
inline constexpr std::string_view kStatementLineColumns =
    "id, upload_id, line_no, booked_on, amount_fen, payer_name, payer_account, reference, "
    "business_no, matched_by, matched_at, uploaded_at";
auto fields(RecordOf<StatementLine> auto& l) {
  return std::tie(l.id, l.upload_id, l.line_no, l.booked_on, l.amount_fen, l.payer_name,
                  l.payer_account, l.reference, l.business_no, l.matched_by, l.matched_at,
                  l.uploaded_at);
}
inline constexpr std::string_view kStatementLineInsertColumns =
    "upload_id, line_no, booked_on, amount_fen, payer_name, payer_account, reference, "
    "uploaded_at";
inline auto statement_line_values(const StatementLine& l) {
  return std::tie(l.upload_id, l.line_no, l.booked_on, l.amount_fen, l.payer_name, l.payer_account,
                  l.reference, l.uploaded_at);
}

inline constexpr std::string_view kRefundColumns = "business_no, recorded_by, note, recorded_at";
auto fields(RecordOf<RefundRecord> auto& r) {
  return std::tie(r.business_no, r.recorded_by, r.note, r.recorded_at);
}

// events_between's rows: the application's id, then the event (record_rows' kEventColumns).
inline constexpr std::string_view kEventWithApplicationColumns =
    "application_id, at, actor, kind, detail";
std::pair<std::int64_t, EventRecord> read_event_with_application(RowReader& row);

}  // namespace certrenew::server
