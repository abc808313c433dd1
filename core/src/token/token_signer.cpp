#include "certrenew/core/token/token_signer.hpp"

#include <algorithm>

#include "certrenew/core/token/token_error.hpp"

namespace certrenew::token {

TokenSigner::TokenSigner(Session session, ObjectId key_id, std::string sm2_signer_id)
    : session_(std::move(session)),
      key_id_(std::move(key_id)),
      sm2_signer_id_(std::move(sm2_signer_id)),
      algorithm_(SignatureAlgorithm::rsa_pkcs1_sha256) {
  const auto objects = session_.objects();
  const auto entry = std::find_if(objects.begin(), objects.end(), [&](const TokenObject& o) {
    return o.id == key_id_ && o.key.has_value();
  });
  if (entry == objects.end())
    throw TokenError(TokenErrc::object_not_found, "use key " + to_hex(key_id_) + " for signing",
                     "the token has no private key with that id");
  algorithm_ = signature_algorithm_for(entry->key->type);
  spki_ = entry->key->spki;
}

Bytes TokenSigner::sign(ByteView message) const {
  return session_.sign(key_id_, algorithm_, message, sm2_signer_id_);
}

}  // namespace certrenew::token
