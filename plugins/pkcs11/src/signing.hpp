#pragma once

#include <cstdint>
#include <functional>
#include <span>

#include "attributes.hpp"
#include "mechanisms.hpp"
#include "token_objects.hpp"

namespace certrenew::pkcs11 {

// The largest signature the key makes with `m`: RSA the modulus size, ECDSA/SM2 r || s 64 bytes.
std::size_t signature_size(const SignMechanism& m, const KeyFacts& key);

// A private key found for signing, with what signing needs to know about it.
struct SigningKey {
  CK_OBJECT_HANDLE handle = CK_INVALID_HANDLE;
  KeyFacts facts;
  bool always_authenticate = false;  // CKA_ALWAYS_AUTHENTICATE: the PIN again for every use
};

// Looks the key up (the private key with this CKA_ID, its type, CKA_ALWAYS_AUTHENTICATE).
SigningKey find_signing_key(SessionRef s, const Bytes& id, const std::optional<Sm2Config>& sm2);

// Signs `input` (a SHA-256 digest or the message, as `m.input` says) with the private key.
// For CKM_RSA_PKCS the SHA-256 DigestInfo is put around the digest first (built by OpenSSL).
// When the key wants the PIN for every use, `context_login` is called between C_SignInit and
// C_Sign to give it.
Bytes sign_input(SessionRef s, const SigningKey& key, const SignMechanism& m,
                 std::span<const std::uint8_t> input, const std::function<void()>& context_login);

}  // namespace certrenew::pkcs11
