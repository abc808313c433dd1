#pragma once

#include "storage/console_tx_on.hpp"
#include "storage/postgres/pg_connection.hpp"

namespace certrenew::server::pg {

// The console's storage on PostgreSQL (storage/console_tx_on.cpp).
using PgConsoleTx = ConsoleTxOn<Connection>;

}  // namespace certrenew::server::pg
