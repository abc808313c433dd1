#pragma once

#include "storage/console_tx_on.hpp"
#include "storage/sqlite.hpp"

namespace certrenew::server {

// The console's storage on SQLite (storage/console_tx_on.cpp).
using SqliteConsoleTx = ConsoleTxOn<sqlite::Database>;

}  // namespace certrenew::server
