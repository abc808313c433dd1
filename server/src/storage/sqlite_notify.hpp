#pragma once
// The SQLite side of the notification calls of StoreTx (issue 19), kept out of sqlite_store.cpp:
// SqliteTx forwards to these.

#include <cstdint>
#include <string_view>
#include <vector>

#include "storage/sqlite.hpp"
#include "storage/store.hpp"

namespace certrenew::server::sqlite_notify {

bool add_outbox_message(sqlite::Database& db, const OutboxMessage& message);
std::vector<OutboxMessage> claim_outbox_messages(sqlite::Database& db, std::string_view worker,
                                                 std::int64_t now, std::int64_t lease_until,
                                                 int limit);
bool settle_outbox_message(sqlite::Database& db, std::int64_t id, std::string_view worker,
                           const OutboxSettlement& settlement);
std::vector<OutboxMessage> outbox_messages(sqlite::Database& db, std::int64_t application_id);
void watch_certificate(sqlite::Database& db, const WatchedCertificate& certificate);
std::vector<WatchedCertificate> certificates_expiring(sqlite::Database& db, std::int64_t now,
                                                      std::int64_t by);

}  // namespace certrenew::server::sqlite_notify
