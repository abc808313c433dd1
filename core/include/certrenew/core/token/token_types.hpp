#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "certrenew/core/bytes.hpp"
#include "certrenew/core/signer.hpp"

namespace certrenew::token {

// A certificate and its private key share one id (binary, 1..64 bytes, like PKCS#11's CKA_ID).
using ObjectId = Bytes;

enum class KeyType { unknown, rsa, ec_p256, sm2 };
enum class ObjectKind { certificate, private_key };
// A signing pair (made on the token) or an SM2 encryption pair (made by the CA's KMC and
// delivered in a digital envelope); a dual-certificate token holds both, each with its
// certificate (issue 21).
enum class KeyUsage { signing, encryption };

// What a driver's sign() takes, and how ECDSA/SM2 signatures come back from it. The host hides
// both: Session::sign always takes the whole message and returns X.509/CMS-ready bytes.
enum class SignatureInput { data, digest };
enum class SignatureFormat { plain, der, raw_rs };

struct Mechanism {
  SignatureAlgorithm algorithm;
  SignatureInput input = SignatureInput::data;
  SignatureFormat format = SignatureFormat::plain;
  bool can_generate = false;
  unsigned min_bits = 0;
  unsigned max_bits = 0;
};

struct PinState {
  std::optional<int> retries_left;  // empty when the device does not tell
  std::optional<int> retries_max;
  bool count_low = false;  // a wrong PIN was entered since the last good one
  bool final_try = false;  // the next wrong PIN locks the token
  bool locked = false;
  bool is_default = false;  // still the issuer's default PIN: the user should change it
  unsigned min_len = 0;     // 0 when unknown
  unsigned max_len = 0;
};

struct TokenInfo {
  std::string id;  // the serial number: stable across re-plugging
  std::string label;
  std::string manufacturer;
  std::string model;
  PinState pin;
  bool pin_pad = false;  // the device asks for the PIN itself: log in with an empty PIN
  bool write_protected = false;
  bool can_change_pin = false;   // the token says so and the driver offers change_pin
  bool can_unblock_pin = false;  // the driver offers unblock_pin (administrator PIN)
  // The driver offers import_enveloped_key, write_certificate_for and open_sealed: the token can
  // receive SM2 encryption key pairs (dual certificates).
  bool can_hold_encryption_keys = false;
};

struct CertificateObject {
  std::string label;
  Bytes der;
};

struct KeyObject {
  std::string label;
  KeyType type = KeyType::unknown;
  unsigned bits = 0;
  Bytes spki;  // DER SubjectPublicKeyInfo of the public half; the private half never leaves
};

// Everything on a token under one id: a key, its certificate, or both.
struct TokenObject {
  ObjectId id;
  std::optional<CertificateObject> certificate;
  std::optional<KeyObject> key;
  KeyUsage usage = KeyUsage::signing;  // as the driver lists it (older drivers: signing)
};

struct GeneratedKey {
  ObjectId id;
  Bytes spki;
};

std::string_view to_string(KeyType type);
std::string_view to_string(SignatureAlgorithm algorithm);

// The key type an algorithm signs with, and the algorithm CertRenew uses for a key type.
KeyType key_type_for(SignatureAlgorithm algorithm);
// Throws TokenError(not_supported) for KeyType::unknown.
SignatureAlgorithm signature_algorithm_for(KeyType type);

}  // namespace certrenew::token
