#pragma once
// The curve of an EC or SM2 key as OpenSSL names it: what tells P-256 and SM2 keys apart.

#include <openssl/evp.h>

#include <array>
#include <cstddef>
#include <string>

namespace certrenew::ossl {

// "prime256v1", "SM2", ...; empty when the key has no named group.
inline std::string ec_group_name(const EVP_PKEY* key) {
  std::array<char, 80> name{};
  std::size_t length = 0;
  if (EVP_PKEY_get_group_name(key, name.data(), name.size(), &length) != 1) return {};
  return std::string(name.data(), length);
}

// An SM2 key, or an EC key on the SM2 curve (as OpenSSL 3.0 loads SM2 keys from certificates):
// either signs as SM2.
inline bool is_sm2_key(const EVP_PKEY* key) {
  return EVP_PKEY_is_a(key, "SM2") || (EVP_PKEY_is_a(key, "EC") && ec_group_name(key) == "SM2");
}

}  // namespace certrenew::ossl
