#include "storage/sqlite_escrow.hpp"

#include "storage/record_rows.hpp"

namespace certrenew::server::sqlite {
void put_encryption_request(Database& db, std::int64_t application_id, const Blob& certificate,
                            std::int64_t at) {
  db.execute(
      "INSERT INTO encryption_requests (application_id, certificate, created_at) "
      "VALUES (?1, ?2, ?3)",
      application_id, certificate, at);
}

std::optional<Blob> encryption_request(Database& db, std::int64_t application_id) {
  return db
      .query("SELECT certificate FROM encryption_requests WHERE application_id = ?1",
             application_id)
      .first(read_blob);
}

void put_escrowed_key(Database& db, const EscrowedKeyRecord& r) {
  db.execute(insert_sql(SqlDialect::sqlite, "escrowed_keys", kEscrowedKeyColumns),
             escrowed_key_values(r));
}

std::optional<EscrowedKeyRecord> escrowed_key(Database& db, std::string_view serial_hex) {
  return db
      .query(select(kEscrowedKeyColumns, "FROM escrowed_keys WHERE serial_hex = ?1"), serial_hex)
      .first(read_escrowed_key);
}

std::optional<EscrowedKeyRecord> escrowed_key_of(Database& db, std::int64_t application_id) {
  return db
      .query(select(kEscrowedKeyColumns, "FROM escrowed_keys WHERE application_id = ?1"),
             application_id)
      .first(read_escrowed_key);
}

std::vector<EscrowedKeyRecord> escrowed_keys_for_subject(Database& db, const Blob& subject_der) {
  return db
      .query(select(kEscrowedKeyColumns,
                    "FROM escrowed_keys WHERE subject_der = ?1 ORDER BY created_at, rowid"),
             subject_der)
      .all(read_escrowed_key);
}

bool add_key_recovery(Database& db, const KeyRecoveryRecord& r) {
  return db.execute(insert_sql(SqlDialect::sqlite, "key_recoveries", kKeyRecoveryColumns) +
                        " ON CONFLICT (application_id, serial_hex) DO NOTHING",
                    key_recovery_values(r)) > 0;
}

std::vector<KeyRecoveryRecord> key_recoveries(Database& db, std::int64_t application_id) {
  return db
      .query(select(kKeyRecoveryColumns,
                    "FROM key_recoveries WHERE application_id = ?1 ORDER BY created_at, rowid"),
             application_id)
      .all(read_key_recovery);
}

}  // namespace certrenew::server::sqlite
