// The console's second round on SQLite (console2): API token counts and refunds carried out.
#include "storage/sqlite_console.hpp"

namespace certrenew::server {

namespace {

constexpr std::string_view kPayoutSelect =
    "SELECT id, business_no, method, amount_fen, payment_id, reference, state, message, "
    "recorded_by, recorded_at, updated_at FROM refund_payouts";

RefundPayout read_payout(const sqlite::Statement& s) {
  return {s.column_int(0),  s.column_text(1), s.column_text(2), s.column_int(3),
          s.column_text(4), s.column_text(5), s.column_text(6), s.column_text(7),
          s.column_text(8), s.column_int(9),  s.column_int(10)};
}

std::vector<RefundPayout> read_payouts(sqlite::Statement& s) {
  std::vector<RefundPayout> out;
  while (s.step()) out.push_back(read_payout(s));
  return out;
}

}  // namespace

template <>
std::int64_t ConsoleTxOn<sqlite::Database>::operator_token_count(std::string_view operator_name) {
  auto stmt = db_.prepare("SELECT COUNT(*) FROM operator_tokens WHERE operator_name = ?1");
  stmt.bind(1, operator_name);
  return stmt.step() ? stmt.column_int(0) : 0;
}

template <>
std::int64_t ConsoleTxOn<sqlite::Database>::insert_refund_payout(const RefundPayout& p) {
  db_.prepare(
         "INSERT INTO refund_payouts (business_no, method, amount_fen, payment_id, reference, "
         "state, message, recorded_by, recorded_at, updated_at) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")
      .bind(1, p.business_no)
      .bind(2, p.method)
      .bind(3, p.amount_fen)
      .bind(4, p.payment_id)
      .bind(5, p.reference)
      .bind(6, p.state)
      .bind(7, p.message)
      .bind(8, p.recorded_by)
      .bind(9, p.recorded_at)
      .bind(10, p.updated_at)
      .run();
  return db_.last_insert_rowid();
}

template <>
void ConsoleTxOn<sqlite::Database>::update_refund_payout(const RefundPayout& p) {
  db_.prepare(
         "UPDATE refund_payouts SET state = ?2, reference = ?3, message = ?4, updated_at = ?5 "
         "WHERE id = ?1")
      .bind(1, p.id)
      .bind(2, p.state)
      .bind(3, p.reference)
      .bind(4, p.message)
      .bind(5, p.updated_at)
      .run();
  if (db_.changes() != 1) throw sqlite::Error("no such refund payout", SQLITE_CONSTRAINT);
}

template <>
std::vector<RefundPayout> ConsoleTxOn<sqlite::Database>::refund_payouts_of(
    std::string_view business_no) {
  auto stmt = db_.prepare(std::string(kPayoutSelect) + " WHERE business_no = ?1 ORDER BY id");
  stmt.bind(1, business_no);
  return read_payouts(stmt);
}

template <>
std::vector<RefundPayout> ConsoleTxOn<sqlite::Database>::refund_payouts_between(std::int64_t from,
                                                                                std::int64_t to) {
  auto stmt = db_.prepare(std::string(kPayoutSelect) +
                          " WHERE updated_at >= ?1 AND updated_at < ?2 ORDER BY updated_at, id");
  stmt.bind(1, from).bind(2, to);
  return read_payouts(stmt);
}

}  // namespace certrenew::server
