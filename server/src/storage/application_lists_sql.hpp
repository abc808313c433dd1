#pragma once
// The statements that read an application's lists, in SQLite's notation with ?1 the
// application's id (its business number for refunds): one definition each, for the reads of one
// list (StoreTx::bank_transfers, ...) and for StoreTx::application_details, which sends them
// together (storage/store_tx_on.cpp).

#include <string>
#include <string_view>

#include "storage/record_rows.hpp"
#include "storage/sql_dialect.hpp"

namespace certrenew::server {

inline std::string bank_transfers_sql() {
  return select(kBankTransferColumns, "FROM bank_transfers WHERE application_id = ?1 ORDER BY id");
}

// Oldest first; payments of the same second in the order they were made on SQLite (its rowid),
// by id on PostgreSQL, which keeps no insertion order.
inline std::string online_payments_sql(SqlDialect dialect) {
  return select(
      kOnlinePaymentColumns,
      std::string("FROM online_payments WHERE application_id = ?1 ORDER BY created_at, ") +
          (dialect == SqlDialect::sqlite ? "rowid" : "id"));
}

// The links of the application's online payments.
inline std::string payment_links_sql() {
  return select(kPaymentLinkColumns,
                "FROM payment_links WHERE payment_id IN "
                "(SELECT id FROM online_payments WHERE application_id = ?1)");
}

// ?1: the business number.
inline std::string refund_payouts_sql() {
  return select(kRefundPayoutColumns, "FROM refund_payouts WHERE business_no = ?1 ORDER BY id");
}

inline std::string events_sql() {
  return select(kEventColumns, "FROM events WHERE application_id = ?1 ORDER BY id");
}

// The application's rows of a table of leased work (the outbox, the issuer's jobs), oldest first.
inline std::string leased_rows_sql(std::string_view table, std::string_view columns) {
  return select(columns, "FROM " + std::string(table) + " WHERE application_id = ?1 ORDER BY id");
}

}  // namespace certrenew::server
