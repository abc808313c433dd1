// Issue 21 (kmc): SM2 dual certificates on PostgreSQL (StoreTx's dual-certificate block; the
// SQLite side is storage/sqlite_escrow.cpp).
#include "storage/postgres/pg_store_tx.hpp"
#include "storage/record_rows.hpp"

namespace certrenew::server::pg {
void PgTx::put_encryption_request(std::int64_t application_id, const Blob& certificate,
                                  std::int64_t at) {
  c_.query(
      "INSERT INTO encryption_requests (application_id, certificate, created_at) "
      "VALUES ($1, $2, $3)",
      application_id, certificate, at);
}

std::optional<Blob> PgTx::encryption_request(std::int64_t application_id) {
  return c_
      .query("SELECT certificate FROM encryption_requests WHERE application_id = $1",
             application_id)
      .first(read_blob);
}

void PgTx::put_escrowed_key(const EscrowedKeyRecord& r) {
  c_.query(insert_sql(SqlDialect::postgres, "escrowed_keys", kEscrowedKeyColumns),
           escrowed_key_values(r));
}

std::optional<EscrowedKeyRecord> PgTx::escrowed_key(std::string_view serial_hex) {
  return c_
      .query(select(kEscrowedKeyColumns, "FROM escrowed_keys WHERE serial_hex = $1"), serial_hex)
      .first(read_escrowed_key);
}

std::optional<EscrowedKeyRecord> PgTx::escrowed_key_of(std::int64_t application_id) {
  return c_
      .query(select(kEscrowedKeyColumns, "FROM escrowed_keys WHERE application_id = $1"),
             application_id)
      .first(read_escrowed_key);
}

std::vector<EscrowedKeyRecord> PgTx::escrowed_keys_for_subject(const Blob& subject_der) {
  return c_
      .query(select(kEscrowedKeyColumns,
                    "FROM escrowed_keys WHERE subject_der = $1 ORDER BY created_at, serial_hex"),
             subject_der)
      .all(read_escrowed_key);
}

bool PgTx::add_key_recovery(const KeyRecoveryRecord& r) {
  return c_.query(insert_sql(SqlDialect::postgres, "key_recoveries", kKeyRecoveryColumns) +
                      " ON CONFLICT (application_id, serial_hex) DO NOTHING",
                  key_recovery_values(r))
             .affected() == 1;
}

std::vector<KeyRecoveryRecord> PgTx::key_recoveries(std::int64_t application_id) {
  return c_
      .query(
          select(kKeyRecoveryColumns,
                 "FROM key_recoveries WHERE application_id = $1 ORDER BY created_at, serial_hex"),
          application_id)
      .all(read_key_recovery);
}

}  // namespace certrenew::server::pg
