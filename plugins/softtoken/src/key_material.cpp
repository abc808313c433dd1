#include "key_material.hpp"

#include "crypto.hpp"

#include <certrenew/token_driver.h>
#include <certrenew/softtoken/store.hpp>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <cstring>
#include <limits>

namespace certrenew::softtoken {

namespace {

[[noreturn]] void key_failure(const char* what) {
  throw StoreError(CRT_ERR_GENERAL, std::string(what) + " failed: " + kit::take_openssl_error());
}

std::string group_name(const EVP_PKEY* key) {
  char name[64] = {};
  size_t len = 0;
  if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, name, sizeof name, &len) != 1)
    return {};
  return name;
}

}  // namespace

KeyKind describe_key(const EVP_PKEY* key) {
  if (key == nullptr) return {};
  if (EVP_PKEY_is_a(key, "RSA"))
    return {CRT_KEY_RSA, static_cast<std::uint32_t>(EVP_PKEY_get_bits(key))};
  // OpenSSL 3 types every key on the SM2 curve as "SM2", so an "EC" key is never SM2 here.
  if (EVP_PKEY_is_a(key, "SM2")) return {CRT_KEY_SM2, 256};
  if (EVP_PKEY_is_a(key, "EC")) {
    const std::string group = group_name(key);
    if (group == "prime256v1" || group == "P-256") return {CRT_KEY_EC_P256, 256};
  }
  return {0, static_cast<std::uint32_t>(EVP_PKEY_get_bits(key))};
}

kit::EvpPkeyPtr generate_key_pair(std::uint32_t key_type, std::uint32_t bits) {
  const char* algorithm = nullptr;
  switch (key_type) {
    case CRT_KEY_RSA:
      if (bits == 0) bits = 2048;
      if (bits != 2048 && bits != 3072)
        throw StoreError(
            CRT_ERR_NOT_SUPPORTED,
            "RSA keys are generated with 2048 or 3072 bits, not " + std::to_string(bits));
      algorithm = "RSA";
      break;
    case CRT_KEY_EC_P256:
    case CRT_KEY_SM2:
      if (bits != 0 && bits != 256)
        throw StoreError(CRT_ERR_NOT_SUPPORTED,
                         "EC and SM2 keys have 256 bits, not " + std::to_string(bits));
      algorithm = key_type == CRT_KEY_SM2 ? "SM2" : "EC";
      break;
    default:
      throw StoreError(CRT_ERR_NOT_SUPPORTED,
                       "unknown key type " + std::to_string(key_type) +
                           " (softtoken generates CRT_KEY_RSA, CRT_KEY_EC_P256, CRT_KEY_SM2)");
  }
  kit::EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, algorithm, nullptr));
  if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1) key_failure("key generation setup");
  if (key_type == CRT_KEY_RSA &&
      EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), static_cast<int>(bits)) != 1)
    key_failure("RSA key size");
  if (key_type == CRT_KEY_EC_P256 && EVP_PKEY_CTX_set_group_name(ctx.get(), "P-256") != 1)
    key_failure("EC curve selection");
  EVP_PKEY* raw = nullptr;
  if (EVP_PKEY_generate(ctx.get(), &raw) != 1) key_failure("key generation");
  return kit::EvpPkeyPtr(raw);
}

std::vector<std::uint8_t> spki_der(const EVP_PKEY* key) {
  return kit::spki_of(key);
}

kit::EvpPkeyPtr parse_spki(std::span<const std::uint8_t> der) {
  return kit::decode_spki(der.data(), der.size());
}

std::vector<std::uint8_t> key_id(const EVP_PKEY* key) {
  const std::vector<std::uint8_t> der = spki_der(key);
  const kit::OpenSslPtr<X509_PUBKEY, X509_PUBKEY_free> pubkey =
      kit::decode_der<X509_PUBKEY, X509_PUBKEY_free>(der.data(), der.size(), d2i_X509_PUBKEY);
  const unsigned char* bits = nullptr;
  int bits_len = 0;
  if (!pubkey || X509_PUBKEY_get0_param(nullptr, &bits, &bits_len, nullptr, pubkey.get()) != 1)
    key_failure("public key decoding");
  return sha1({bits, static_cast<std::size_t>(bits_len)});
}

using Pkcs8Ptr = kit::OpenSslPtr<PKCS8_PRIV_KEY_INFO, PKCS8_PRIV_KEY_INFO_free>;

Secret pkcs8_der(const EVP_PKEY* key) {
  Pkcs8Ptr info(EVP_PKEY2PKCS8(key));
  if (!info) key_failure("PKCS#8 encoding");
  const int len = i2d_PKCS8_PRIV_KEY_INFO(info.get(), nullptr);
  if (len <= 0) key_failure("PKCS#8 encoding");
  Secret der(static_cast<std::size_t>(len));  // not encode_der: the key goes straight to a Secret
  unsigned char* out = der.data();
  if (i2d_PKCS8_PRIV_KEY_INFO(info.get(), &out) != len) key_failure("PKCS#8 encoding");
  return der;
}

kit::EvpPkeyPtr parse_pkcs8(std::span<const std::uint8_t> der) {
  const Pkcs8Ptr info = kit::decode_der<PKCS8_PRIV_KEY_INFO, PKCS8_PRIV_KEY_INFO_free>(
      der.data(), der.size(), d2i_PKCS8_PRIV_KEY_INFO);
  if (!info) return nullptr;
  kit::EvpPkeyPtr key(EVP_PKCS82PKEY(info.get()));
  if (!key) kit::take_openssl_error();
  return key;
}

kit::X509Ptr parse_certificate(std::span<const std::uint8_t> der) {
  return kit::decode_certificate(der.data(), der.size());
}

KeyKind describe_certificate(std::span<const std::uint8_t> der) {
  const kit::X509Ptr cert = parse_certificate(der);
  if (!cert) return {};
  return describe_key(X509_get0_pubkey(cert.get()));
}

}  // namespace certrenew::softtoken
