#include "token_objects.hpp"

#include <certrenew/token_driver.h>

#include <openssl/objects.h>

#include <algorithm>

#include "bridge_error.hpp"
#include "public_key.hpp"

namespace certrenew::pkcs11 {

namespace {

std::uint32_t significant_bits(const Bytes& magnitude) {
  auto first = std::find_if(magnitude.begin(), magnitude.end(), [](std::uint8_t b) { return b; });
  if (first == magnitude.end()) return 0;
  std::uint32_t bits = static_cast<std::uint32_t>(magnitude.end() - first - 1) * 8;
  for (std::uint8_t top = *first; top != 0; top >>= 1) ++bits;
  return bits;
}

KeyFacts curve_facts(int nid) {
  if (nid == NID_X9_62_prime256v1) return {CRT_KEY_EC_P256, 256};
  if (nid == NID_sm2) return {CRT_KEY_SM2, 256};
  return {};
}

bool id_fits(const Bytes& id) {
  return !id.empty() && id.size() <= CRT_ID_MAX;
}

}  // namespace

KeyFacts key_facts(SessionRef s, CK_OBJECT_HANDLE key, const std::optional<Sm2Config>& sm2) {
  const auto type = read_ulong(s, key, CKA_KEY_TYPE);
  if (!type) return {};
  if (*type == CKK_RSA) {
    if (const auto modulus = read_attribute(s, key, CKA_MODULUS))
      return {CRT_KEY_RSA, significant_bits(*modulus)};
    const auto bits = read_ulong(s, key, CKA_MODULUS_BITS);
    return {CRT_KEY_RSA, bits ? static_cast<std::uint32_t>(*bits) : 0};
  }
  if (*type == CKK_EC || (sm2 && *type == sm2->key_type)) {
    const auto params = read_attribute(s, key, CKA_EC_PARAMS);
    return params ? curve_facts(curve_of(*params)) : KeyFacts{};
  }
  return {};
}

KeyFacts certificate_facts(const Bytes& certificate_der) {
  const Bytes spki = certificate_spki(certificate_der);
  const kit::EvpPkeyPtr key = spki.empty() ? nullptr : parse_spki(spki);
  if (!key) return {};
  if (EVP_PKEY_is_a(key.get(), "RSA"))
    return {CRT_KEY_RSA, static_cast<std::uint32_t>(EVP_PKEY_get_bits(key.get()))};
  if (EVP_PKEY_is_a(key.get(), "SM2")) return {CRT_KEY_SM2, 256};
  if (EVP_PKEY_is_a(key.get(), "EC")) {
    char group[64] = {};
    std::size_t len = 0;
    if (EVP_PKEY_get_utf8_string_param(key.get(), "group", group, sizeof group, &len) == 1)
      return curve_facts(OBJ_sn2nid(group));
  }
  return {};
}

std::vector<ListedObject> list_objects(SessionRef s, const std::optional<Sm2Config>& sm2) {
  std::vector<ListedObject> listed;
  const auto add = [&](CK_OBJECT_CLASS cls, CK_OBJECT_HANDLE handle) {
    ListedObject object{cls, handle, read_attribute(s, handle, CKA_ID).value_or(Bytes{}), {}, {}};
    if (!id_fits(object.id)) return;  // cannot be addressed through the ABI
    object.label = read_attribute(s, handle, CKA_LABEL).value_or(Bytes{});
    object.facts = cls == CKO_PRIVATE_KEY
                       ? key_facts(s, handle, sm2)
                       : certificate_facts(read_attribute(s, handle, CKA_VALUE).value_or(Bytes{}));
    listed.push_back(std::move(object));
  };
  CK_OBJECT_CLASS private_class = CKO_PRIVATE_KEY;
  for (CK_OBJECT_HANDLE key : find_objects(s, {{CKA_CLASS, &private_class, sizeof private_class}}))
    add(CKO_PRIVATE_KEY, key);
  CK_OBJECT_CLASS certificate_class = CKO_CERTIFICATE;
  CK_CERTIFICATE_TYPE x509 = CKC_X_509;
  for (CK_OBJECT_HANDLE cert :
       find_objects(s, {{CKA_CLASS, &certificate_class, sizeof certificate_class},
                        {CKA_CERTIFICATE_TYPE, &x509, sizeof x509}}))
    add(CKO_CERTIFICATE, cert);
  return listed;
}

CK_OBJECT_HANDLE private_key(SessionRef s, const Bytes& id) {
  const auto keys = find_by_id(s, CKO_PRIVATE_KEY, id);
  if (keys.empty()) fail(CRT_ERR_OBJECT_NOT_FOUND, "no private key with that id on the token");
  return keys.front();
}

bool is_object(SessionRef s, CK_OBJECT_HANDLE object, CK_OBJECT_CLASS cls, const Bytes& id) {
  CK_OBJECT_CLASS actual_class = 0;
  Bytes actual_id(id.size());
  CK_ATTRIBUTE attributes[] = {
      {CKA_CLASS, &actual_class, sizeof actual_class},
      {CKA_ID, actual_id.data(), actual_id.size()},
  };
  // Any failure (handle gone, an id of another length) means "not that object any more".
  return s.api->C_GetAttributeValue(s.handle, object, attributes, 2) == CKR_OK &&
         actual_class == cls && attributes[1].ulValueLen == id.size() && actual_id == id;
}

Bytes public_key_object_spki(SessionRef s, CK_OBJECT_HANDLE key) {
  const auto type = read_ulong(s, key, CKA_KEY_TYPE);
  if (!type) return {};
  if (*type == CKK_RSA) {
    const auto modulus = read_attribute(s, key, CKA_MODULUS);
    const auto exponent = read_attribute(s, key, CKA_PUBLIC_EXPONENT);
    if (modulus && exponent && !modulus->empty() && !exponent->empty())
      return rsa_spki(*modulus, *exponent);
    return {};
  }
  const auto params = read_attribute(s, key, CKA_EC_PARAMS);
  const auto point = read_attribute(s, key, CKA_EC_POINT);
  if (params && point && !point->empty()) return ec_spki(*params, *point);
  return {};
}

Bytes key_spki(SessionRef s, CK_OBJECT_HANDLE key, const Bytes& id) {
  for (CK_OBJECT_HANDLE pub : find_by_id(s, CKO_PUBLIC_KEY, id)) {
    Bytes spki = public_key_object_spki(s, pub);
    if (!spki.empty()) return spki;
  }
  if (auto info = read_attribute(s, key, CKA_PUBLIC_KEY_INFO); info && parse_spki(*info))
    return *info;
  if (read_ulong(s, key, CKA_KEY_TYPE) == CKK_RSA) {
    const auto modulus = read_attribute(s, key, CKA_MODULUS);
    const auto exponent = read_attribute(s, key, CKA_PUBLIC_EXPONENT);
    if (modulus && exponent && !modulus->empty() && !exponent->empty())
      return rsa_spki(*modulus, *exponent);
  }
  for (CK_OBJECT_HANDLE cert : find_by_id(s, CKO_CERTIFICATE, id)) {
    Bytes spki = certificate_spki(read_attribute(s, cert, CKA_VALUE).value_or(Bytes{}));
    if (!spki.empty()) return spki;
  }
  fail(CRT_ERR_OBJECT_NOT_FOUND,
       "the token keeps no public half for this key (no public key object, no certificate)");
}

}  // namespace certrenew::pkcs11
