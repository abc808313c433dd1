#include "storage/sqlite_payment_links.hpp"

#include "storage/application_lists_sql.hpp"
#include "storage/record_rows.hpp"

namespace certrenew::server::sqlite {

std::vector<OnlinePaymentRecord> online_payments_of(Database& db, std::int64_t application_id) {
  return db.query(online_payments_sql(SqlDialect::sqlite), application_id)
      .all(read_record<OnlinePaymentRecord>);
}

void put_payment_link(Database& db, const PaymentLinkRecord& record) {
  db.execute(
      "INSERT INTO payment_links (payment_id, pay_url, qr_text, expires_at) "
      "VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (payment_id) DO UPDATE SET pay_url = ?2, qr_text = ?3, expires_at = ?4",
      record.payment_id, record.pay_url, record.qr_text, record.expires_at);
}

std::optional<PaymentLinkRecord> payment_link(Database& db, std::string_view payment_id) {
  return db
      .query(select(kPaymentLinkColumns, "FROM payment_links WHERE payment_id = ?1"), payment_id)
      .first(read_record<PaymentLinkRecord>);
}

}  // namespace certrenew::server::sqlite
