#pragma once

// Keys and certificates on a token as the driver ABI sees them: a private key or an X.509
// certificate, addressed by CKA_ID (a certificate and its key share one).

#include <cstdint>
#include <optional>
#include <vector>

#include "attributes.hpp"
#include "driver_config.hpp"
#include "pkcs11.hpp"

namespace certrenew::pkcs11 {

// What the ABI's key_type / key_bits say about a key.
struct KeyFacts {
  std::uint32_t type = 0;  // CRT_KEY_*, 0 when unknown
  std::uint32_t bits = 0;
};

struct ListedObject {
  CK_OBJECT_CLASS cls = CKO_PRIVATE_KEY;  // CKO_PRIVATE_KEY or CKO_CERTIFICATE
  CK_OBJECT_HANDLE handle = CK_INVALID_HANDLE;
  Bytes id;
  Bytes label;
  KeyFacts facts;
};

// Private keys and X.509 certificates whose CKA_ID fits the ABI (1..64 bytes). Objects without
// an id cannot be addressed and are left out; private keys appear only after login on most
// tokens (CKA_PRIVATE).
std::vector<ListedObject> list_objects(SessionRef s, const std::optional<Sm2Config>& sm2);

// Type and size of a private key, public key or certificate.
KeyFacts key_facts(SessionRef s, CK_OBJECT_HANDLE key, const std::optional<Sm2Config>& sm2);
KeyFacts certificate_facts(const Bytes& certificate_der);

// The private key with this id, or DriverError(CRT_ERR_OBJECT_NOT_FOUND).
CK_OBJECT_HANDLE private_key(SessionRef s, const Bytes& id);

// True when `object` is still an object of class `cls` with CKA_ID `id` (one C_GetAttributeValue):
// checks a handle remembered from an earlier search, which the token may have deleted or reused.
bool is_object(SessionRef s, CK_OBJECT_HANDLE object, CK_OBJECT_CLASS cls, const Bytes& id);

// The DER SubjectPublicKeyInfo of the private key `key` with CKA_ID `id`, from the first source
// that has it: the public key object with the same id, the key's own CKA_PUBLIC_KEY_INFO, its
// CKA_MODULUS/CKA_PUBLIC_EXPONENT (RSA), the certificate with the same id. Throws
// DriverError(CRT_ERR_OBJECT_NOT_FOUND) when none does.
Bytes key_spki(SessionRef s, CK_OBJECT_HANDLE key, const Bytes& id);

// The SPKI of a public key object (RSA or EC/SM2 attributes); empty when it has not enough.
Bytes public_key_object_spki(SessionRef s, CK_OBJECT_HANDLE key);

}  // namespace certrenew::pkcs11
