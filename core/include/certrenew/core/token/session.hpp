#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "certrenew/core/bytes.hpp"
#include "certrenew/core/pki/sm2_envelope.hpp"
#include "certrenew/core/secure_buffer.hpp"
#include "certrenew/core/signer.hpp"
#include "certrenew/core/token/token_types.hpp"

namespace certrenew::token {

namespace detail {
struct SessionState;
}

// A session on one token. Copies are handles to the same session; the last one closes it (the
// driver logs out first). A session keeps its context and library alive. Every method throws
// TokenError on failure and, when it fails, leaves the token as it was.
class Session {
 public:
  explicit Session(std::shared_ptr<detail::SessionState> state);

  const std::string& token_id() const;

  // Logs in. An empty PIN is accepted only by tokens with a PIN pad (the device asks for it);
  // otherwise it fails with `pin_invalid` without reaching the driver, so no try is spent.
  // A wrong PIN throws `pin_incorrect` with the retries left; a blocked one `pin_locked`.
  void login(const SecureBuffer& pin);
  void logout();
  // Throws `not_supported` when the driver offers no PIN change.
  void change_pin(const SecureBuffer& old_pin, const SecureBuffer& new_pin);
  // Sets a new user PIN with the administrator PIN, unblocking a locked one. Throws
  // `not_supported` when the driver (or its older table) offers no unblock_pin; a wrong
  // administrator PIN throws `pin_incorrect` with the administrator PIN's tries left.
  void unblock_pin(const SecureBuffer& admin_pin, const SecureBuffer& new_pin);

  // The signature algorithms of this session's token (read once, then cached).
  const std::vector<Mechanism>& mechanisms();

  // Certificates and keys, grouped by id, with their values (certificate DER, key SPKI).
  std::vector<TokenObject> objects();
  // The DER SubjectPublicKeyInfo of the key with this id.
  Bytes public_key(const ObjectId& key_id);

  // Signs the whole `message` and returns the signature as X.509 and CMS carry it: RSA as the
  // modulus-sized octets, ECDSA and SM2 as DER SEQUENCE{r, s}. When the driver wants a digest the
  // host computes it (SHA-256, or for SM2 e = SM3(Z || M) with `sm2_signer_id`); when it returns
  // raw r || s the host DER-encodes it.
  Bytes sign(const ObjectId& key_id, SignatureAlgorithm algorithm, ByteView message,
             std::string_view sm2_signer_id = kDefaultSm2SignerId);

  // Optional driver operations; each throws `not_supported` when the driver lacks it.
  // `bits` is the RSA modulus size (0: the driver's default).
  GeneratedKey generate_key(KeyType type, unsigned bits, std::string_view label);
  void write_certificate(const ObjectId& id, std::string_view label, ByteView der);
  void delete_object(ObjectKind kind, const ObjectId& id);

  // ---- dual certificates (session_encryption_keys.cpp); each throws `not_supported` when the
  // driver lacks the operation (TokenInfo::can_hold_encryption_keys) ----

  // Imports the encryption key pair sealed to the SM2 signing key `signing_key_id` into that
  // key's container; returns the id the pair is listed under. A tampered or misdirected envelope
  // fails with `data_invalid` and leaves the token as it was.
  ObjectId import_enveloped_key(const ObjectId& signing_key_id,
                                const pki::Sm2EnvelopedKey& envelope, std::string_view label);
  // write_certificate for a key of the given usage (signing: the same as write_certificate).
  void write_certificate(const ObjectId& id, KeyUsage usage, std::string_view label, ByteView der);
  // Opens data sealed to the encryption key `key_id`: `wrapped_key` is an SM4 key SM2-encrypted
  // to it, `data` is SM4-ECB (whole blocks). Returns the plaintext; `data_invalid` when the key
  // does not unwrap.
  Bytes open_sealed(const ObjectId& key_id, const pki::Sm2Cipher& wrapped_key, ByteView data);

 private:
  std::shared_ptr<detail::SessionState> state_;
};

}  // namespace certrenew::token
