#include "storage/sqlite_payment_links.hpp"

namespace certrenew::server::sqlite {

std::vector<OnlinePaymentRecord> online_payments_of(Database& db, std::int64_t application_id) {
  auto stmt = db.prepare(
      "SELECT id, application_id, amount_fen, state, gateway_ref, created_at, updated_at "
      "FROM online_payments WHERE application_id = ?1 ORDER BY created_at, rowid");
  stmt.bind(1, application_id);
  std::vector<OnlinePaymentRecord> out;
  while (stmt.step())
    out.push_back({stmt.column_text(0), stmt.column_int(1), stmt.column_int(2), stmt.column_text(3),
                   stmt.column_text(4), stmt.column_int(5), stmt.column_int(6)});
  return out;
}

void put_payment_link(Database& db, const PaymentLinkRecord& record) {
  auto stmt = db.prepare(
      "INSERT INTO payment_links (payment_id, pay_url, qr_text, expires_at) "
      "VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (payment_id) DO UPDATE SET pay_url = ?2, qr_text = ?3, expires_at = ?4");
  stmt.bind(1, record.payment_id).bind(2, record.pay_url).bind(3, record.qr_text);
  stmt.bind(4, record.expires_at);
  stmt.run();
}

std::optional<PaymentLinkRecord> payment_link(Database& db, std::string_view payment_id) {
  auto stmt = db.prepare(
      "SELECT payment_id, pay_url, qr_text, expires_at FROM payment_links WHERE payment_id = ?1");
  stmt.bind(1, payment_id);
  if (!stmt.step()) return std::nullopt;
  return PaymentLinkRecord{stmt.column_text(0), stmt.column_text(1), stmt.column_text(2),
                           stmt.column_int(3)};
}

}  // namespace certrenew::server::sqlite
