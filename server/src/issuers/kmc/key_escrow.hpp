#pragma once
// The KMC's escrow (issue 21): encryption private keys are kept in the service's database only
// encrypted under the master key, with AES-256-GCM, each bound to what it belongs to (its
// application and certificate, the additional authenticated data) so a row copied to another
// application does not open there. The master key never reaches the database, a log or argv.

#include <array>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

#include "certrenew/core/bytes.hpp"
#include "certrenew/core/secure_buffer.hpp"
#include "issuers/kmc/kmc_config.hpp"

namespace certrenew::server {

// An escrowed key that does not open: another master key, or a changed row.
class EscrowError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class KeyEscrow {
 public:
  static constexpr std::size_t kMasterKeySize = 32;

  // The master key `config` names: an owner-only file (mode 0600 or stricter) or an environment
  // variable, each holding 64 hex digits. Throws std::runtime_error naming the config key.
  static KeyEscrow load(const KmcConfig& config);
  // Writes a fresh random master key (init); mode 0600, never over an existing file.
  static void create_master_key_file(const std::filesystem::path& file);

  explicit KeyEscrow(ByteView master_key);  // exactly kMasterKeySize bytes
  KeyEscrow(const KeyEscrow&) = delete;
  KeyEscrow& operator=(const KeyEscrow&) = delete;
  KeyEscrow(KeyEscrow&& other) noexcept;
  KeyEscrow& operator=(KeyEscrow&&) = delete;
  ~KeyEscrow();

  // Names the master key without revealing it (stored with each row, so a row sealed under
  // another master key is recognised as such): 16 hex digits of a labelled SHA-256.
  const std::string& key_id() const { return key_id_; }

  // nonce (12 bytes, random) || ciphertext || tag (16 bytes).
  Bytes seal(ByteView plaintext, std::string_view associated_data) const;
  // Throws EscrowError when the sealed bytes or the associated data differ from the sealing.
  SecureBuffer open(ByteView sealed, std::string_view associated_data) const;

 private:
  std::array<std::uint8_t, kMasterKeySize> key_{};
  std::string key_id_;
};

}  // namespace certrenew::server
