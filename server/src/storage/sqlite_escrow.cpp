#include "storage/sqlite_escrow.hpp"

namespace certrenew::server::sqlite {
namespace {

constexpr const char* kEscrowColumns =
    "SELECT serial_hex, application_id, subject_der, certificate, master_key_id, "
    "sealed_private_key, envelope, created_at FROM escrowed_keys ";

EscrowedKeyRecord read_escrowed_key(const Statement& s) {
  return {s.column_text(0), s.column_int(1),  s.column_blob(2), s.column_blob(3),
          s.column_text(4), s.column_blob(5), s.column_blob(6), s.column_int(7)};
}

}  // namespace

void put_encryption_request(Database& db, std::int64_t application_id, const Blob& certificate,
                            std::int64_t at) {
  auto stmt = db.prepare(
      "INSERT INTO encryption_requests (application_id, certificate, created_at) "
      "VALUES (?1, ?2, ?3)");
  stmt.bind(1, application_id).bind(2, certificate).bind(3, at);
  stmt.run();
}

std::optional<Blob> encryption_request(Database& db, std::int64_t application_id) {
  auto stmt = db.prepare("SELECT certificate FROM encryption_requests WHERE application_id = ?1");
  stmt.bind(1, application_id);
  if (!stmt.step()) return std::nullopt;
  return stmt.column_blob(0);
}

void put_escrowed_key(Database& db, const EscrowedKeyRecord& r) {
  auto stmt = db.prepare(
      "INSERT INTO escrowed_keys (serial_hex, application_id, subject_der, certificate, "
      "master_key_id, sealed_private_key, envelope, created_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  stmt.bind(1, r.serial_hex).bind(2, r.application_id).bind(3, r.subject_der);
  stmt.bind(4, r.certificate_der).bind(5, r.master_key_id).bind(6, r.sealed_private_key);
  stmt.bind(7, r.envelope).bind(8, r.created_at);
  stmt.run();
}

std::optional<EscrowedKeyRecord> escrowed_key(Database& db, std::string_view serial_hex) {
  auto stmt = db.prepare(std::string(kEscrowColumns) + "WHERE serial_hex = ?1");
  stmt.bind(1, serial_hex);
  if (!stmt.step()) return std::nullopt;
  return read_escrowed_key(stmt);
}

std::optional<EscrowedKeyRecord> escrowed_key_of(Database& db, std::int64_t application_id) {
  auto stmt = db.prepare(std::string(kEscrowColumns) + "WHERE application_id = ?1");
  stmt.bind(1, application_id);
  if (!stmt.step()) return std::nullopt;
  return read_escrowed_key(stmt);
}

std::vector<EscrowedKeyRecord> escrowed_keys_for_subject(Database& db, const Blob& subject_der) {
  auto stmt =
      db.prepare(std::string(kEscrowColumns) + "WHERE subject_der = ?1 ORDER BY created_at, rowid");
  stmt.bind(1, subject_der);
  std::vector<EscrowedKeyRecord> out;
  while (stmt.step()) out.push_back(read_escrowed_key(stmt));
  return out;
}

bool add_key_recovery(Database& db, const KeyRecoveryRecord& r) {
  auto stmt = db.prepare(
      "INSERT INTO key_recoveries (application_id, serial_hex, envelope, recovered_by, created_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (application_id, serial_hex) DO NOTHING");
  stmt.bind(1, r.application_id).bind(2, r.serial_hex).bind(3, r.envelope);
  stmt.bind(4, r.recovered_by).bind(5, r.created_at);
  stmt.run();
  return db.changes() > 0;
}

std::vector<KeyRecoveryRecord> key_recoveries(Database& db, std::int64_t application_id) {
  auto stmt = db.prepare(
      "SELECT application_id, serial_hex, envelope, recovered_by, created_at FROM key_recoveries "
      "WHERE application_id = ?1 ORDER BY created_at, rowid");
  stmt.bind(1, application_id);
  std::vector<KeyRecoveryRecord> out;
  while (stmt.step())
    out.push_back({stmt.column_int(0), stmt.column_text(1), stmt.column_blob(2),
                   stmt.column_text(3), stmt.column_int(4)});
  return out;
}

}  // namespace certrenew::server::sqlite
