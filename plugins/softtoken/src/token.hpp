#pragma once

// One token directory and everything done to it: creation, PIN checks with the persistent retry
// counter, PIN change, and the keys and certificates. Both the driver and the store API work
// through this class; it holds no secret itself (the caller keeps the DEK while logged in).

#include "file_io.hpp"
#include "key_material.hpp"
#include "secret.hpp"
#include "token_files.hpp"

#include <certrenew/softtoken/store.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace certrenew::softtoken {

using ObjectId = std::vector<std::uint8_t>;

struct CertificateEntry {
  ObjectId id;
  std::vector<std::uint8_t> der;
  std::string label;
};

class Token {
 public:
  Token(std::filesystem::path dir, FileWriter& writer) : dir_(std::move(dir)), writer_(writer) {}

  // Writes a new token into `dir`; see certrenew::softtoken::create_token.
  static std::string create(const std::filesystem::path& dir, const TokenOptions& options,
                            std::span<const std::uint8_t> pin, FileWriter& writer);

  const std::filesystem::path& dir() const { return dir_; }
  bool has_token_file() const;
  // Throws StoreError(CRT_ERR_TOKEN_NOT_PRESENT) when token.json is gone.
  TokenMeta read_meta() const;

  // Checks `pin` against the token. The retry counter is lowered and saved BEFORE the check and
  // reset after a success, so a crash never gives a free try. Returns the data-encryption key.
  // Throws StoreError with CRT_ERR_PIN_LOCKED / PIN_INVALID / PIN_INCORRECT / DEVICE;
  // `retries_left` always receives the count after the attempt.
  Secret unlock(std::span<const std::uint8_t> pin, int& retries_left);
  // Checks `old_pin` like unlock, then rewraps the DEK under `new_pin` in one write.
  void change_pin(std::span<const std::uint8_t> old_pin, std::span<const std::uint8_t> new_pin,
                  int& retries_left);

  std::vector<KeyRecord> keys() const;  // sorted by id
  std::optional<KeyRecord> find_key(const ObjectId& id) const;
  std::vector<CertificateEntry> certificates() const;  // sorted by id
  std::optional<CertificateEntry> find_certificate(const ObjectId& id) const;

  // Stores a private key encrypted under `dek`; its id is key_id(key). Returns the record.
  // CRT_ERR_OBJECT_EXISTS when a key with that id is there.
  // `signing_key` non-empty: an encryption pair (dual certificates) next to that signing key.
  KeyRecord add_key(const Secret& dek, const EVP_PKEY* key, const std::string& label,
                    const ObjectId& signing_key = {});
  // Stores a certificate. CRT_ERR_DATA_INVALID unless `der` is one X.509 certificate whose
  // public key equals that of the key with the same id (when there is one);
  // CRT_ERR_OBJECT_EXISTS when a certificate with that id is there.
  void add_certificate(const ObjectId& id, const std::string& label,
                       std::span<const std::uint8_t> der);
  // CRT_ERR_OBJECT_NOT_FOUND when there is nothing to delete.
  void delete_key(const ObjectId& id);
  void delete_certificate(const ObjectId& id);

  // Decrypts a key. CRT_ERR_DEVICE when the key file does not decrypt or does not match its SPKI.
  kit::EvpPkeyPtr load_private_key(const Secret& dek, const KeyRecord& key) const;

 private:
  std::filesystem::path token_file() const;
  std::filesystem::path key_file(const ObjectId& id) const;
  std::filesystem::path cert_file(const ObjectId& id) const;
  std::filesystem::path cert_label_file(const ObjectId& id) const;
  void save_meta(const TokenMeta& meta);
  // The token's state for a PIN check (under the caller's lock): `retries_left` as it stands;
  // CRT_ERR_PIN_LOCKED, spending nothing, when no try is left.
  TokenMeta meta_for_pin_check(int& retries_left) const;
  // The part of unlock/change_pin that spends a try: returns the DEK or throws.
  Secret verify_pin(TokenMeta& meta, std::span<const std::uint8_t> pin, int& retries_left);

  std::filesystem::path dir_;
  FileWriter& writer_;
};

// PIN length rule of the token: CRT_ERR_PIN_INVALID outside 4..64 bytes.
void check_pin_length(std::span<const std::uint8_t> pin, const char* which = "PIN");

// Ids in file names: 1..CRT_ID_MAX bytes as lower-case hex. nullopt for any other name.
std::optional<ObjectId> id_from_file_name(const std::filesystem::path& file, const char* extension);

}  // namespace certrenew::softtoken
