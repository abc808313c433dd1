#pragma once
// Issue 16 (clerk): the SQLite side of one live online payment per application (StoreTx's last
// block). Free functions on the connection, so that SqliteTx's overrides are one line each.

#include <optional>
#include <string_view>
#include <vector>

#include "storage/sqlite.hpp"
#include "storage/store.hpp"

namespace certrenew::server::sqlite {

std::vector<OnlinePaymentRecord> online_payments_of(Database& db, std::int64_t application_id);
void put_payment_link(Database& db, const PaymentLinkRecord& record);
std::optional<PaymentLinkRecord> payment_link(Database& db, std::string_view payment_id);

}  // namespace certrenew::server::sqlite
