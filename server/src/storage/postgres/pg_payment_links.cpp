// Issue 16 (clerk): one live online payment per application, on PostgreSQL (StoreTx's last
// block; the SQLite side is storage/sqlite_payment_links.cpp).
#include "storage/application_lists_sql.hpp"
#include "storage/postgres/pg_store_tx.hpp"
#include "storage/record_rows.hpp"

namespace certrenew::server::pg {

std::vector<OnlinePaymentRecord> PgTx::online_payments_of(std::int64_t application_id) {
  // Locked like a single payment read: starting a payment reads them to decide what to close.
  return c_
      .query(
          numbered(SqlDialect::postgres, online_payments_sql(SqlDialect::postgres)) + " FOR UPDATE",
          application_id)
      .all(read_record<OnlinePaymentRecord>);
}

void PgTx::put_payment_link(const PaymentLinkRecord& r) {
  c_.query(
      "INSERT INTO payment_links (payment_id, pay_url, qr_text, expires_at) "
      "VALUES ($1, $2, $3, $4) ON CONFLICT (payment_id) DO UPDATE SET "
      "pay_url = EXCLUDED.pay_url, qr_text = EXCLUDED.qr_text, expires_at = EXCLUDED.expires_at",
      r.payment_id, r.pay_url, r.qr_text, r.expires_at);
}

std::optional<PaymentLinkRecord> PgTx::payment_link(std::string_view payment_id) {
  return c_
      .query(select(kPaymentLinkColumns, "FROM payment_links WHERE payment_id = $1"), payment_id)
      .first(read_record<PaymentLinkRecord>);
}

}  // namespace certrenew::server::pg
