// Issue 21 (kmc): SM2 dual certificates on PostgreSQL (StoreTx's dual-certificate block, written
// once for both backends in storage/escrow_storage.hpp).
#include "storage/escrow_storage.hpp"
#include "storage/postgres/pg_store_tx.hpp"

namespace certrenew::server::pg {

void PgTx::put_encryption_request(std::int64_t application_id, const Blob& certificate,
                                  std::int64_t at) {
  escrow_storage::put_encryption_request(c_, application_id, certificate, at);
}

std::optional<Blob> PgTx::encryption_request(std::int64_t application_id) {
  return escrow_storage::encryption_request(c_, application_id);
}

void PgTx::put_escrowed_key(const EscrowedKeyRecord& r) {
  escrow_storage::put_escrowed_key(c_, r);
}

std::optional<EscrowedKeyRecord> PgTx::escrowed_key(std::string_view serial_hex) {
  return escrow_storage::escrowed_key(c_, serial_hex);
}

std::optional<EscrowedKeyRecord> PgTx::escrowed_key_of(std::int64_t application_id) {
  return escrow_storage::escrowed_key_of(c_, application_id);
}

std::vector<EscrowedKeyRecord> PgTx::escrowed_keys_for_subject(const Blob& subject_der) {
  return escrow_storage::escrowed_keys_for_subject(c_, subject_der);
}

bool PgTx::add_key_recovery(const KeyRecoveryRecord& r) {
  return escrow_storage::add_key_recovery(c_, r);
}

std::vector<KeyRecoveryRecord> PgTx::key_recoveries(std::int64_t application_id) {
  return escrow_storage::key_recoveries(c_, application_id);
}

}  // namespace certrenew::server::pg
