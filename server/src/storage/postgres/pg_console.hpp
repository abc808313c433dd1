#pragma once

#include "storage/console_tx_on.hpp"
#include "storage/postgres/pg_connection.hpp"

namespace certrenew::server::pg {

// The console's storage on PostgreSQL (pg_console.cpp, pg_refund_payouts.cpp).
using PgConsoleTx = ConsoleTxOn<Connection>;

}  // namespace certrenew::server::pg
