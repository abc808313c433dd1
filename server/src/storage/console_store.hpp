#pragma once
// What the back-office console (issue 18) keeps: operator accounts, their API tokens and browser
// sessions, the hash-chained audit log, reusable rejection reasons, bank statement lines for
// reconciliation, and the queries its screens need. One interface, reached through
// StoreTx::console(), so each backend implements it in a file of its own.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/refund_records.hpp"
#include "storage/store.hpp"

namespace certrenew::server {

struct OperatorRecord {
  std::string name;                 // login name: [a-z0-9._-], 1..32
  std::string role;                 // finance, reviewer, admin
  std::string password_hash;        // libsodium crypto_pwhash_str (Argon2id), never the password
  std::string totp_secret;          // base32; empty: no second factor
  std::int64_t totp_last_step = 0;  // the last accepted TOTP time step (a code works once)
  bool disabled = false;
  int failed_logins = 0;          // consecutive failures since the last success
  std::int64_t locked_until = 0;  // Unix seconds; logins refused before then
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

// A browser session: only the SHA-256 of its random id is stored, so a leaked database does not
// hand out live sessions.
struct SessionRecord {
  std::string id_sha256;
  std::string operator_name;
  std::string csrf_token;  // sent back on every change (X-CSRF-Token)
  std::string source;      // the address it logged in from
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;  // absolute end
  std::int64_t last_seen = 0;   // idle timeout counts from here
};

// One entry of the append-only audit log. `hash` = SHA-256 over `prev_hash` and every field
// (storage/audit_chain.cpp), so changing or removing an entry breaks every hash after it.
struct AuditEntry {
  std::int64_t seq = 0;     // 1, 2, 3 ... without gaps
  std::int64_t at = 0;      // Unix seconds, UTC
  std::string actor;        // operator name, "system", "applicant", "gateway"
  std::string role;         // the actor's role then (finance, reviewer, admin, legacy-token, ...)
  std::string source;       // the address the request came from; "cli" for the operator command
  std::string action;       // login, confirm_payment, approve, reject, reveal_id_number, ...
  std::string business_no;  // the application concerned; empty for others
  std::string before;       // state before (e.g. "entered/confirming"); empty if none
  std::string after;        // state after
  std::string detail;       // reason, statement line, ...; never a secret
  std::string prev_hash;
  std::string hash;
};

struct AuditQuery {
  std::int64_t from = 0;  // Unix seconds, inclusive; 0: no bound
  std::int64_t to = 0;    // exclusive; 0: no bound
  std::string actor;
  std::string business_no;
  int limit = 1000;  // newest `limit` entries, returned oldest first
};

struct ReasonTemplate {
  std::int64_t id = 0;
  std::string title;
  std::string text;
  std::string created_by;
  std::int64_t created_at = 0;
};

// Where a page of the application list ends: the last row's creation time and id (the list's
// order), so the next page starts after it however many rows came in meanwhile.
struct ListingCursor {
  std::int64_t created_at = 0;
  std::int64_t id = 0;
};

// Filters of the console's queue; results oldest first unless `newest_first`.
struct ApplicationQuery {
  std::string state;              // empty: any
  std::string payment_state;      // empty: any
  std::int64_t created_from = 0;  // inclusive; 0: no bound
  std::int64_t created_to = 0;    // exclusive; 0: no bound
  std::string search;  // in the business number, subject or operator name, any case; empty: any
  bool newest_first = false;
  std::optional<ListingCursor> after;  // only rows after this one, in the order asked
  int limit = 2000;
};

// One row of the console's application list: what it shows and searches (issue 17: read from
// columns, no certificate decoded).
struct ApplicationListing {
  std::int64_t id = 0;
  std::string business_no;
  std::string state;
  std::string payment_state;
  std::int64_t total_fen = 0;
  std::int64_t created_at = 0;
  std::string subject;
  std::string operator_name;
};

struct ApplicationPage {
  std::vector<ApplicationListing> rows;  // at most the query's limit
  std::int64_t matched = 0;              // all rows the filters match, on every page
  std::optional<ListingCursor> next;     // where the next page starts; none: this was the last
};

// A bank transfer an applicant recorded, of an application whose payment waits for finance.
struct AwaitedTransfer {
  std::string business_no;
  BankTransferRecord transfer;
};

// An application stored before its listing columns existed (migration 10): what fills them.
struct UnfilledListing {
  std::int64_t id = 0;
  Blob old_cert_der;
  std::string form_json;
};

// One credit line of an uploaded bank statement.
struct StatementLine {
  std::int64_t id = 0;
  std::string upload_id;  // all lines of one upload share it
  int line_no = 0;        // in the uploaded file
  std::string booked_on;  // yyyy-mm-dd
  std::int64_t amount_fen = 0;
  std::string payer_name;
  std::string payer_account;
  std::string reference;    // the bank's serial number or remarks
  std::string business_no;  // the application it was matched to; empty: unmatched
  std::string matched_by;
  std::int64_t matched_at = 0;
  std::int64_t uploaded_at = 0;
};

// A refund of money received for an application that will not be renewed.
struct RefundRecord {
  std::string business_no;
  std::string recorded_by;
  std::string note;
  std::int64_t recorded_at = 0;
};

class ConsoleTx {
 public:
  virtual ~ConsoleTx() = default;

  // Operators. insert fails (throws) on a duplicate name.
  virtual void insert_operator(const OperatorRecord& record) = 0;
  virtual void update_operator(const OperatorRecord& record) = 0;  // by name, all fields
  virtual std::optional<OperatorRecord> operator_by_name(std::string_view name) = 0;
  virtual std::vector<OperatorRecord> operators() = 0;  // by name

  // Per-operator API tokens (the CLI's admin commands), by SHA-256 of the token.
  virtual void insert_operator_token(std::string_view token_sha256, std::string_view operator_name,
                                     std::int64_t created_at) = 0;
  virtual std::optional<std::string> operator_for_token(std::string_view token_sha256) = 0;
  virtual void delete_operator_tokens(std::string_view operator_name) = 0;

  // Sessions.
  virtual void insert_session(const SessionRecord& record) = 0;
  virtual std::optional<SessionRecord> session(std::string_view id_sha256) = 0;
  virtual void touch_session(std::string_view id_sha256, std::int64_t last_seen) = 0;
  virtual void delete_session(std::string_view id_sha256) = 0;
  virtual void delete_sessions_of(std::string_view operator_name) = 0;
  virtual void delete_expired_sessions(std::int64_t now) = 0;

  // The audit log: appended only (no update or delete exists). `last_audit_entry` is the chain's
  // head; a backend with concurrent writers must serialise appends (the seq is unique).
  virtual void insert_audit_entry(const AuditEntry& entry) = 0;
  virtual std::optional<AuditEntry> last_audit_entry() = 0;
  virtual std::vector<AuditEntry> audit_entries(const AuditQuery& query) = 0;
  // Every entry, oldest first, in pages (for verification).
  virtual std::vector<AuditEntry> audit_entries_after(std::int64_t seq, int limit) = 0;

  // Rejection reason templates.
  virtual std::int64_t insert_reason_template(const ReasonTemplate& t) = 0;
  virtual std::vector<ReasonTemplate> reason_templates() = 0;
  virtual bool delete_reason_template(std::int64_t id) = 0;

  // Queue and reports: one page of the list's columns, with the count of all that match.
  virtual ApplicationPage list_applications(const ApplicationQuery& query) = 0;
  // Bank reconciliation's candidates: the transfers of every application whose payment state is
  // `confirming`, oldest application first, each one's transfers together.
  virtual std::vector<AwaitedTransfer> transfers_awaiting_confirmation() = 0;
  // Ids of applications that may have money to refund or a refund on record, oldest first.
  virtual std::vector<std::int64_t> refund_candidates() = 0;
  // Applications whose listing columns are not filled yet, by id, at most `limit`; and filling.
  virtual std::vector<UnfilledListing> unfilled_listings(int limit) = 0;
  virtual void fill_listing(std::int64_t id, std::string_view subject,
                            std::string_view operator_name) = 0;
  virtual std::map<std::string, std::int64_t> count_applications_by_state() = 0;
  // Events of every application in [from, to), oldest first, with the application's id.
  virtual std::vector<std::pair<std::int64_t, EventRecord>> events_between(std::int64_t from,
                                                                           std::int64_t to) = 0;

  // Bank reconciliation.
  virtual std::int64_t insert_statement_line(const StatementLine& line) = 0;
  virtual std::vector<StatementLine> statement_lines(bool unmatched_only) = 0;
  virtual std::optional<StatementLine> statement_line(std::int64_t id) = 0;
  virtual void match_statement_line(std::int64_t id, std::string_view business_no,
                                    std::string_view by, std::int64_t at) = 0;

  // Refunds.
  virtual void insert_refund(const RefundRecord& record) = 0;  // one per application
  virtual std::optional<RefundRecord> refund(std::string_view business_no) = 0;

  // Console, second round (console2; storage/console_tx_on.cpp): how many API tokens an
  // operator holds, and refunds carried out.
  virtual std::int64_t operator_token_count(std::string_view operator_name) = 0;
  virtual std::int64_t insert_refund_payout(const RefundPayout& payout) = 0;  // returns its id
  // By id: state, reference, message, updated_at.
  virtual void update_refund_payout(const RefundPayout& payout) = 0;
  virtual std::vector<RefundPayout> refund_payouts_of(std::string_view business_no) = 0;
  // Those whose updated_at is in [from, to), oldest first.
  virtual std::vector<RefundPayout> refund_payouts_between(std::int64_t from, std::int64_t to) = 0;
};

}  // namespace certrenew::server
