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
  c_.query(
      "INSERT INTO escrowed_keys (serial_hex, application_id, subject_der, certificate, "
      "master_key_id, sealed_private_key, envelope, created_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      r.serial_hex, r.application_id, r.subject_der, r.certificate_der, r.master_key_id,
      r.sealed_private_key, r.envelope, r.created_at);
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
  return c_.query(
               "INSERT INTO key_recoveries (application_id, serial_hex, envelope, recovered_by, "
               "created_at) VALUES ($1, $2, $3, $4, $5) "
               "ON CONFLICT (application_id, serial_hex) DO NOTHING",
               r.application_id, r.serial_hex, r.envelope, r.recovered_by, r.created_at)
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
