#pragma once

#include "storage/console_tx_on.hpp"
#include "storage/sqlite.hpp"

namespace certrenew::server {

// The console's storage on SQLite (sqlite_console.cpp, sqlite_refund_payouts.cpp).
using SqliteConsoleTx = ConsoleTxOn<sqlite::Database>;

}  // namespace certrenew::server
