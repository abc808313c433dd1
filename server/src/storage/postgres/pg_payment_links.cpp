// Issue 16 (clerk): one live online payment per application, on PostgreSQL (StoreTx's last
// block; the SQLite side is storage/sqlite_payment_links.cpp).
#include "storage/postgres/pg_store_tx.hpp"

namespace certrenew::server::pg {

std::vector<OnlinePaymentRecord> PgTx::online_payments_of(std::int64_t application_id) {
  // Locked like a single payment read: starting a payment reads them to decide what to close.
  auto rows = c_.query(
      "SELECT id, application_id, amount_fen, state, gateway_ref, created_at, updated_at "
      "FROM online_payments WHERE application_id = $1 ORDER BY created_at, id FOR UPDATE",
      application_id);
  std::vector<OnlinePaymentRecord> out;
  for (int i = 0; i < rows.rows(); ++i)
    out.push_back({rows.text(i, 0), rows.integer(i, 1), rows.integer(i, 2), rows.text(i, 3),
                   rows.text(i, 4), rows.integer(i, 5), rows.integer(i, 6)});
  return out;
}

void PgTx::put_payment_link(const PaymentLinkRecord& r) {
  c_.query(
      "INSERT INTO payment_links (payment_id, pay_url, qr_text, expires_at) "
      "VALUES ($1, $2, $3, $4) ON CONFLICT (payment_id) DO UPDATE SET "
      "pay_url = EXCLUDED.pay_url, qr_text = EXCLUDED.qr_text, expires_at = EXCLUDED.expires_at",
      r.payment_id, r.pay_url, r.qr_text, r.expires_at);
}

std::optional<PaymentLinkRecord> PgTx::payment_link(std::string_view payment_id) {
  auto rows = c_.query(
      "SELECT payment_id, pay_url, qr_text, expires_at FROM payment_links WHERE payment_id = $1",
      payment_id);
  if (rows.empty()) return std::nullopt;
  return PaymentLinkRecord{rows.text(0, 0), rows.text(0, 1), rows.text(0, 2), rows.integer(0, 3)};
}

}  // namespace certrenew::server::pg
