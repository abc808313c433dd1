#pragma once

#include <string>
#include <string_view>

#include "certrenew/core/signer.hpp"
#include "certrenew/core/token/session.hpp"
#include "certrenew/core/token/token_types.hpp"

namespace certrenew::token {

// A certrenew::Signer over a key on a token, so CSR and CMS code can sign without the key. The
// algorithm follows the key type: RSA -> rsa_pkcs1_sha256, EC P-256 -> ecdsa_p256_sha256,
// SM2 -> sm2_sm3. Holds the session (and so the library) alive. The session must be logged in
// before sign() is called.
class TokenSigner final : public Signer {
 public:
  // Reads the key's type and public key from the token; throws TokenError(object_not_found) when
  // no key has that id, (not_supported) when its type is unknown.
  TokenSigner(Session session, ObjectId key_id,
              std::string sm2_signer_id = std::string(kDefaultSm2SignerId));

  SignatureAlgorithm algorithm() const override { return algorithm_; }
  Bytes public_key_spki() const override { return spki_; }
  Bytes sign(ByteView message) const override;
  std::string_view sm2_signer_id() const override { return sm2_signer_id_; }

  const ObjectId& key_id() const { return key_id_; }

 private:
  mutable Session session_;  // a handle: signing changes no state of this object
  ObjectId key_id_;
  std::string sm2_signer_id_;
  SignatureAlgorithm algorithm_;
  Bytes spki_;
};

}  // namespace certrenew::token
