#pragma once

// The software token's store API: create a token directory and import a PKCS#12 into it. The
// admin tool and the CLI call these; the driver itself (driver.hpp) serves everything else.

#include <certrenew/token_driver.h>
#include <certrenew/driver_kit/error.hpp>

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace certrenew::softtoken {

// How hard the PIN is to brute-force from a copied token directory. `standard` is scrypt
// N=2^15, r=8, p=1 (about 32 MiB and 0.1 s per try); `fast` is N=2^10 and exists for tests only.
enum class KdfCost { fast, standard };

struct TokenOptions {
  std::string label;   // 1..127 bytes of UTF-8
  std::string serial;  // the token id; empty = 16 random upper-case hex digits
  int max_retries = 10;
  KdfCost cost = KdfCost::standard;
};

// Every failure of the store: a clear message for a person and the driver status that fits it
// (CRT_ERR_PIN_INCORRECT, CRT_ERR_DATA_INVALID, CRT_ERR_DEVICE ...). It is the driver kit's
// DriverError, so the driver's boundary and the store's callers see one kind of failure.
using StoreError = driver_kit::DriverError;
namespace kit = driver_kit;  // the softtoken's code says kit::X for the SDK's driver kit

// Creates a new token in `dir` (made if missing; an existing non-empty directory is refused, a
// token is never overwritten) protected by `pin` (4..64 bytes). Returns the serial.
std::string create_token(const std::filesystem::path& dir, const TokenOptions& options,
                         std::span<const std::uint8_t> pin);

// Adds the private key and certificate of a PKCS#12 file to the token in `dir`. The PIN is
// checked like a login (a wrong one spends a try). The key's id is the SHA-1 of its public key
// bits; the certificate gets the same id. CA certificates in the file are NOT stored: the host
// verifies chains against its own configured CAs. `label` names both objects (empty = the
// PKCS#12 friendly name, else the certificate's CN). Returns the id.
std::vector<std::uint8_t> import_pkcs12(const std::filesystem::path& dir,
                                        std::span<const std::uint8_t> p12_der,
                                        std::string_view p12_password,
                                        std::span<const std::uint8_t> pin, std::string label);

struct ObjectSummary {
  std::uint32_t kind = 0;  // CRT_OBJ_*
  std::vector<std::uint8_t> id;
  std::uint32_t key_type = 0;  // CRT_KEY_*, 0 if unknown
  std::uint32_t key_bits = 0;
  std::string label;
};

struct TokenSummary {
  std::string serial;
  std::string label;
  std::string manufacturer;
  std::string model;
  int retries_left = 0;
  int retries_max = 0;
  std::vector<ObjectSummary> objects;  // keys first, then certificates, each sorted by id
};

// What a token holds, read without the PIN (no secret is touched).
TokenSummary describe_token(const std::filesystem::path& dir);

}  // namespace certrenew::softtoken
