// The console's second round on SQLite (console2): API token counts and refunds carried out.
#include "storage/record_rows.hpp"
#include "storage/sqlite_console.hpp"

namespace certrenew::server {

template <>
std::int64_t ConsoleTxOn<sqlite::Database>::operator_token_count(std::string_view operator_name) {
  return db_.query("SELECT COUNT(*) FROM operator_tokens WHERE operator_name = ?1", operator_name)
      .first(read_integer)
      .value_or(0);
}

template <>
std::int64_t ConsoleTxOn<sqlite::Database>::insert_refund_payout(const RefundPayout& p) {
  return db_.insert("refund_payouts", kRefundPayoutInsertColumns, refund_payout_values(p));
}

template <>
void ConsoleTxOn<sqlite::Database>::update_refund_payout(const RefundPayout& p) {
  const int changed = db_.execute(
      "UPDATE refund_payouts SET state = ?2, reference = ?3, message = ?4, updated_at = ?5 "
      "WHERE id = ?1",
      p.id, p.state, p.reference, p.message, p.updated_at);
  if (changed != 1) throw sqlite::Error("no such refund payout", SQLITE_CONSTRAINT);
}

template <>
std::vector<RefundPayout> ConsoleTxOn<sqlite::Database>::refund_payouts_of(
    std::string_view business_no) {
  return db_
      .query(select(kRefundPayoutColumns, "FROM refund_payouts WHERE business_no = ?1 ORDER BY id"),
             business_no)
      .all(read_refund_payout);
}

template <>
std::vector<RefundPayout> ConsoleTxOn<sqlite::Database>::refund_payouts_between(std::int64_t from,
                                                                                std::int64_t to) {
  return db_
      .query(select(kRefundPayoutColumns,
                    "FROM refund_payouts WHERE updated_at >= ?1 AND updated_at < ?2 "
                    "ORDER BY updated_at, id"),
             from, to)
      .all(read_refund_payout);
}

}  // namespace certrenew::server
