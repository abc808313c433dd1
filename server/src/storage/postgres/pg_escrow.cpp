// Issue 21 (kmc): SM2 dual certificates on PostgreSQL (StoreTx's dual-certificate block; the
// SQLite side is storage/sqlite_escrow.cpp).
#include "storage/postgres/pg_store_tx.hpp"

namespace certrenew::server::pg {
namespace {

constexpr std::string_view kEscrowColumns =
    "SELECT serial_hex, application_id, subject_der, certificate, master_key_id, "
    "sealed_private_key, envelope, created_at FROM escrowed_keys ";

EscrowedKeyRecord escrowed_key_at(const Result& rows, int i) {
  return {rows.text(i, 0), rows.integer(i, 1), rows.blob(i, 2), rows.blob(i, 3),
          rows.text(i, 4), rows.blob(i, 5),    rows.blob(i, 6), rows.integer(i, 7)};
}

}  // namespace

void PgTx::put_encryption_request(std::int64_t application_id, const Blob& certificate,
                                  std::int64_t at) {
  c_.query(
      "INSERT INTO encryption_requests (application_id, certificate, created_at) "
      "VALUES ($1, $2, $3)",
      application_id, certificate, at);
}

std::optional<Blob> PgTx::encryption_request(std::int64_t application_id) {
  auto rows = c_.query("SELECT certificate FROM encryption_requests WHERE application_id = $1",
                       application_id);
  if (rows.empty()) return std::nullopt;
  return rows.blob(0, 0);
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
  auto rows = c_.query(std::string(kEscrowColumns) + "WHERE serial_hex = $1", serial_hex);
  if (rows.empty()) return std::nullopt;
  return escrowed_key_at(rows, 0);
}

std::optional<EscrowedKeyRecord> PgTx::escrowed_key_of(std::int64_t application_id) {
  auto rows = c_.query(std::string(kEscrowColumns) + "WHERE application_id = $1", application_id);
  if (rows.empty()) return std::nullopt;
  return escrowed_key_at(rows, 0);
}

std::vector<EscrowedKeyRecord> PgTx::escrowed_keys_for_subject(const Blob& subject_der) {
  auto rows = c_.query(
      std::string(kEscrowColumns) + "WHERE subject_der = $1 ORDER BY created_at, serial_hex",
      subject_der);
  std::vector<EscrowedKeyRecord> out;
  for (int i = 0; i < rows.rows(); ++i) out.push_back(escrowed_key_at(rows, i));
  return out;
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
  auto rows = c_.query(
      "SELECT application_id, serial_hex, envelope, recovered_by, created_at FROM key_recoveries "
      "WHERE application_id = $1 ORDER BY created_at, serial_hex",
      application_id);
  std::vector<KeyRecoveryRecord> out;
  for (int i = 0; i < rows.rows(); ++i)
    out.push_back({rows.integer(i, 0), rows.text(i, 1), rows.blob(i, 2), rows.text(i, 3),
                   rows.integer(i, 4)});
  return out;
}

}  // namespace certrenew::server::pg
