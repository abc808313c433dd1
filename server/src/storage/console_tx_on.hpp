#pragma once
// The console's storage (storage/console_store.hpp) on one backend's connection, within the
// transaction of the StoreTx that owns it (`parent` reads whole applications). Declared and
// defined once for both backends (console_tx_on.cpp, which instantiates it for sqlite::Database
// and pg::Connection); where the connections differ it goes through storage/backend_calls.hpp.

#include "storage/console_store.hpp"

namespace certrenew::server {

template <typename Db>
class ConsoleTxOn final : public ConsoleTx {
 public:
  ConsoleTxOn(Db& db, StoreTx& parent) : db_(db), parent_(parent) {}

  void insert_operator(const OperatorRecord& record) override;
  void update_operator(const OperatorRecord& record) override;
  std::optional<OperatorRecord> operator_by_name(std::string_view name) override;
  std::vector<OperatorRecord> operators() override;

  void insert_operator_token(std::string_view token_sha256, std::string_view operator_name,
                             std::int64_t created_at) override;
  std::optional<std::string> operator_for_token(std::string_view token_sha256) override;
  void delete_operator_tokens(std::string_view operator_name) override;

  void insert_session(const SessionRecord& record) override;
  std::optional<SessionRecord> session(std::string_view id_sha256) override;
  void touch_session(std::string_view id_sha256, std::int64_t last_seen) override;
  void delete_session(std::string_view id_sha256) override;
  void delete_sessions_of(std::string_view operator_name) override;
  void delete_expired_sessions(std::int64_t now) override;

  void insert_audit_entry(const AuditEntry& entry) override;
  std::optional<AuditEntry> last_audit_entry() override;
  std::vector<AuditEntry> audit_entries(const AuditQuery& query) override;
  std::vector<AuditEntry> audit_entries_after(std::int64_t seq, int limit) override;

  std::int64_t insert_reason_template(const ReasonTemplate& t) override;
  std::vector<ReasonTemplate> reason_templates() override;
  bool delete_reason_template(std::int64_t id) override;

  ApplicationPage list_applications(const ApplicationQuery& query) override;
  std::vector<AwaitedTransfer> transfers_awaiting_confirmation() override;
  std::vector<std::int64_t> refund_candidates() override;
  std::vector<UnfilledListing> unfilled_listings(int limit) override;
  void fill_listing(std::int64_t id, std::string_view subject,
                    std::string_view operator_name) override;
  std::map<std::string, std::int64_t> count_applications_by_state() override;
  std::vector<std::pair<std::int64_t, EventRecord>> events_between(std::int64_t from,
                                                                   std::int64_t to) override;

  std::int64_t insert_statement_line(const StatementLine& line) override;
  std::vector<StatementLine> statement_lines(bool unmatched_only) override;
  std::optional<StatementLine> statement_line(std::int64_t id) override;
  void match_statement_line(std::int64_t id, std::string_view business_no, std::string_view by,
                            std::int64_t at) override;

  void insert_refund(const RefundRecord& record) override;
  std::optional<RefundRecord> refund(std::string_view business_no) override;

  // Console, second round (console2).
  std::int64_t operator_token_count(std::string_view operator_name) override;
  std::int64_t insert_refund_payout(const RefundPayout& payout) override;
  void update_refund_payout(const RefundPayout& payout) override;
  std::vector<RefundPayout> refund_payouts_of(std::string_view business_no) override;
  std::vector<RefundPayout> refund_payouts_between(std::int64_t from, std::int64_t to) override;

 private:
  Db& db_;
  StoreTx& parent_;
};

}  // namespace certrenew::server
