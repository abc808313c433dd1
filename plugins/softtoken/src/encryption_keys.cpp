#include "encryption_keys.hpp"

#include <certrenew/driver_kit/sm2_envelope.hpp>

#include "file_io.hpp"
#include "key_material.hpp"

namespace certrenew::softtoken {

namespace {

KeyRecord key_of_usage(const Token& token, const ObjectId& id, std::uint32_t usage,
                       const char* what) {
  std::optional<KeyRecord> key = token.find_key(id);
  if (!key) throw StoreError(CRT_ERR_OBJECT_NOT_FOUND, std::string("no ") + what + " with that id");
  if (key->usage != usage)
    throw StoreError(CRT_ERR_DATA_INVALID,
                     std::string("the key with that id is not ") + what +
                         (usage == CRT_USAGE_ENCRYPTION ? " (it is a signing key)"
                                                        : " (it is an encryption key)"));
  return std::move(*key);
}

}  // namespace

ObjectId import_enveloped_key(Token& token, const Secret& dek, const ObjectId& signing_key_id,
                              const crt_sm2_enveloped_key& envelope, const std::string& label) {
  const KeyRecord signing = key_of_usage(token, signing_key_id, CRT_USAGE_SIGNING, "a signing key");
  if (signing.key_type != CRT_KEY_SM2)
    throw StoreError(CRT_ERR_DATA_INVALID, "envelopes are sealed to SM2 signing keys only");
  for (const KeyRecord& key : token.keys())
    if (key.usage == CRT_USAGE_ENCRYPTION && key.signing_key == signing_key_id)
      throw StoreError(CRT_ERR_OBJECT_EXISTS,
                       "that signing key already has an encryption key pair next to it");
  const kit::EvpPkeyPtr signing_private = token.load_private_key(dek, signing);
  const kit::EvpPkeyPtr pair = kit::open_enveloped_key(signing_private.get(), envelope);
  return token.add_key(dek, pair.get(), label, signing_key_id).id;
}

void require_key_usage(const Token& token, const ObjectId& id, std::uint32_t usage) {
  // A signing certificate may come without its key (as write_certificate always allowed).
  if (usage == CRT_USAGE_SIGNING && !token.find_key(id)) return;
  key_of_usage(token, id, usage,
               usage == CRT_USAGE_ENCRYPTION ? "an encryption key" : "a signing key");
}

std::uint32_t usage_of(const Token& token, const ObjectId& id) {
  const std::optional<KeyRecord> key = token.find_key(id);
  return key ? key->usage : CRT_USAGE_SIGNING;
}

Secret open_sealed(const Token& token, const Secret& dek, const ObjectId& key_id,
                   const crt_sm2_cipher& wrapped_key, const std::vector<std::uint8_t>& data) {
  const KeyRecord key = key_of_usage(token, key_id, CRT_USAGE_ENCRYPTION, "an encryption key");
  const kit::EvpPkeyPtr private_key = token.load_private_key(dek, key);
  return kit::open_sealed_data(private_key.get(), wrapped_key, data.data(), data.size());
}

}  // namespace certrenew::softtoken
