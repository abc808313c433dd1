// The console's second round on PostgreSQL (console2): the statements of
// sqlite_refund_payouts.cpp with $n parameters.
#include "storage/postgres/pg_console.hpp"

namespace certrenew::server {

using pg::Error;
using pg::Result;

namespace {

constexpr std::string_view kPayoutSelect =
    "SELECT id, business_no, method, amount_fen, payment_id, reference, state, message, "
    "recorded_by, recorded_at, updated_at FROM refund_payouts";

std::vector<RefundPayout> read_payouts(const Result& r) {
  std::vector<RefundPayout> out;
  for (int i = 0; i < r.rows(); ++i)
    out.push_back({r.integer(i, 0), r.text(i, 1), r.text(i, 2), r.integer(i, 3), r.text(i, 4),
                   r.text(i, 5), r.text(i, 6), r.text(i, 7), r.text(i, 8), r.integer(i, 9),
                   r.integer(i, 10)});
  return out;
}

}  // namespace

template <>
std::int64_t ConsoleTxOn<pg::Connection>::operator_token_count(std::string_view operator_name) {
  return db_.query("SELECT COUNT(*) FROM operator_tokens WHERE operator_name = $1", operator_name)
      .integer(0, 0);
}

template <>
std::int64_t ConsoleTxOn<pg::Connection>::insert_refund_payout(const RefundPayout& p) {
  return db_
      .query(
          "INSERT INTO refund_payouts (business_no, method, amount_fen, payment_id, reference, "
          "state, message, recorded_by, recorded_at, updated_at) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
          p.business_no, p.method, p.amount_fen, p.payment_id, p.reference, p.state, p.message,
          p.recorded_by, p.recorded_at, p.updated_at)
      .integer(0, 0);
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
  return read_payouts(
      db_.query(std::string(kPayoutSelect) + " WHERE business_no = $1 ORDER BY id", business_no));
}

template <>
std::vector<RefundPayout> ConsoleTxOn<pg::Connection>::refund_payouts_between(std::int64_t from,
                                                                              std::int64_t to) {
  return read_payouts(db_.query(std::string(kPayoutSelect) +
                                    " WHERE updated_at >= $1 AND updated_at < $2 "
                                    "ORDER BY updated_at, id",
                                from, to));
}

}  // namespace certrenew::server
