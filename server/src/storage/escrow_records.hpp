#pragma once
// Issue 21 (kmc): what the key management centre stores for SM2 dual certificates (StoreTx's
// "dual certificates" block, migration 7).

#include <cstdint>
#include <string>
#include <vector>

namespace certrenew::server {

// An encryption key pair the KMC made, kept in escrow. The private key is only ever stored
// encrypted under the KMC master key (issuers/kmc/key_escrow.hpp).
struct EscrowedKeyRecord {
  std::string serial_hex;  // of the encryption certificate (upper-case hex): the key's name
  std::int64_t application_id = 0;            // the approval that made it
  std::vector<std::uint8_t> subject_der;      // the holder (the certificates' subject)
  std::vector<std::uint8_t> certificate_der;  // the encryption certificate
  std::string master_key_id;  // KeyEscrow::key_id() of the master key that sealed it
  std::vector<std::uint8_t> sealed_private_key;  // AES-256-GCM: nonce || ciphertext || tag
  // The key pair sealed to that application's signing key (GM/T 0009 SM2EnvelopedKey DER): the
  // download answer sends these bytes every time it is asked.
  std::vector<std::uint8_t> envelope;
  std::int64_t created_at = 0;
};

// An escrowed key re-delivered to another application (key recovery, a back-office act).
struct KeyRecoveryRecord {
  std::int64_t application_id = 0;     // receives the key
  std::string serial_hex;              // the escrowed key
  std::vector<std::uint8_t> envelope;  // sealed to this application's new signing key
  std::string recovered_by;            // operator:<name>
  std::int64_t created_at = 0;
};

}  // namespace certrenew::server
