#pragma once
// Issue 21 (kmc): StoreTx's dual-certificate block (escrowed encryption keys, key recovery), once
// for both backends: free functions on the connection, so that SqliteTx's and PgTx's overrides
// are one line each. The statements are in SQLite's notation and run in the connection's
// (storage/backend_calls.hpp).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/backend_calls.hpp"
#include "storage/record_rows.hpp"
#include "storage/store.hpp"

namespace certrenew::server::escrow_storage {

// Oldest first; rows of the same second in the order they were inserted on SQLite (its rowid).
// PostgreSQL keeps no such order, so there the serial decides.
inline std::string oldest_first(SqlDialect d) {
  return d == SqlDialect::sqlite ? " ORDER BY created_at, rowid"
                                 : " ORDER BY created_at, serial_hex";
}

template <typename Db>
void put_encryption_request(Db& db, std::int64_t application_id, const Blob& certificate,
                            std::int64_t at) {
  changed(db,
          "INSERT INTO encryption_requests (application_id, certificate, created_at) "
          "VALUES (?1, ?2, ?3)",
          application_id, certificate, at);
}

template <typename Db>
std::optional<Blob> encryption_request(Db& db, std::int64_t application_id) {
  return rows(db, "SELECT certificate FROM encryption_requests WHERE application_id = ?1",
              application_id)
      .first(read_blob);
}

template <typename Db>
void put_escrowed_key(Db& db, const EscrowedKeyRecord& r) {
  changed(db, insert_sql(dialect_of(db), "escrowed_keys", kEscrowedKeyColumns), fields(r));
}

template <typename Db>
std::optional<EscrowedKeyRecord> escrowed_key(Db& db, std::string_view serial_hex) {
  return rows(db, select(kEscrowedKeyColumns, "FROM escrowed_keys WHERE serial_hex = ?1"),
              serial_hex)
      .first(read_escrowed_key);
}

template <typename Db>
std::optional<EscrowedKeyRecord> escrowed_key_of(Db& db, std::int64_t application_id) {
  return rows(db, select(kEscrowedKeyColumns, "FROM escrowed_keys WHERE application_id = ?1"),
              application_id)
      .first(read_escrowed_key);
}

template <typename Db>
std::vector<EscrowedKeyRecord> escrowed_keys_for_subject(Db& db, const Blob& subject_der) {
  return rows(db,
              select(kEscrowedKeyColumns,
                     "FROM escrowed_keys WHERE subject_der = ?1" + oldest_first(dialect_of(db))),
              subject_der)
      .all(read_escrowed_key);
}

template <typename Db>
bool add_key_recovery(Db& db, const KeyRecoveryRecord& r) {
  return changed(db,
                 insert_sql(dialect_of(db), "key_recoveries", kKeyRecoveryColumns) +
                     " ON CONFLICT (application_id, serial_hex) DO NOTHING",
                 fields(r)) == 1;
}

template <typename Db>
std::vector<KeyRecoveryRecord> key_recoveries(Db& db, std::int64_t application_id) {
  return rows(db,
              select(kKeyRecoveryColumns, "FROM key_recoveries WHERE application_id = ?1" +
                                              oldest_first(dialect_of(db))),
              application_id)
      .all(read_key_recovery);
}

}  // namespace certrenew::server::escrow_storage
