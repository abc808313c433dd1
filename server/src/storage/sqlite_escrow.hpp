#pragma once
// Issue 21 (kmc): the SQLite side of StoreTx's dual-certificate block (escrowed encryption keys,
// key recovery). Free functions on the connection, so that SqliteTx's overrides are one line.

#include <optional>
#include <string_view>
#include <vector>

#include "storage/sqlite.hpp"
#include "storage/store.hpp"

namespace certrenew::server::sqlite {

void put_encryption_request(Database& db, std::int64_t application_id, const Blob& certificate,
                            std::int64_t at);
std::optional<Blob> encryption_request(Database& db, std::int64_t application_id);
void put_escrowed_key(Database& db, const EscrowedKeyRecord& record);
std::optional<EscrowedKeyRecord> escrowed_key(Database& db, std::string_view serial_hex);
std::optional<EscrowedKeyRecord> escrowed_key_of(Database& db, std::int64_t application_id);
std::vector<EscrowedKeyRecord> escrowed_keys_for_subject(Database& db, const Blob& subject_der);
bool add_key_recovery(Database& db, const KeyRecoveryRecord& record);
std::vector<KeyRecoveryRecord> key_recoveries(Database& db, std::int64_t application_id);

}  // namespace certrenew::server::sqlite
