// The console's second round on PostgreSQL (console2): the statements of
// sqlite_refund_payouts.cpp with $n parameters.
#include "storage/postgres/pg_console.hpp"
#include "storage/record_rows.hpp"

namespace certrenew::server {

using pg::Error;

template <>
std::int64_t ConsoleTxOn<pg::Connection>::operator_token_count(std::string_view operator_name) {
  return db_.query("SELECT COUNT(*) FROM operator_tokens WHERE operator_name = $1", operator_name)
      .integer(0, 0);
}

template <>
std::int64_t ConsoleTxOn<pg::Connection>::insert_refund_payout(const RefundPayout& p) {
  return db_.insert("refund_payouts", kRefundPayoutInsertColumns, refund_payout_values(p));
}

template <>
void ConsoleTxOn<pg::Connection>::update_refund_payout(const RefundPayout& p) {
  const auto res = db_.query(
      "UPDATE refund_payouts SET state = $2, reference = $3, message = $4, updated_at = $5 "
      "WHERE id = $1",
      p.id, p.state, p.reference, p.message, p.updated_at);
  if (res.affected() != 1) throw Error("no such refund payout", "23514");
}

template <>
std::vector<RefundPayout> ConsoleTxOn<pg::Connection>::refund_payouts_of(
    std::string_view business_no) {
  return db_
      .query(select(kRefundPayoutColumns, "FROM refund_payouts WHERE business_no = $1 ORDER BY id"),
             business_no)
      .all(read_refund_payout);
}

template <>
std::vector<RefundPayout> ConsoleTxOn<pg::Connection>::refund_payouts_between(std::int64_t from,
                                                                              std::int64_t to) {
  return db_
      .query(select(kRefundPayoutColumns,
                    "FROM refund_payouts WHERE updated_at >= $1 AND updated_at < $2 "
                    "ORDER BY updated_at, id"),
             from, to)
      .all(read_refund_payout);
}

}  // namespace certrenew::server
