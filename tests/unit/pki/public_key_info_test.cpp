// SubjectPublicKeyInfo written from a key's numbers (certrenew/core/pki/public_key_info.hpp): what
// OpenSSL decodes from it is the same key, the bit string has no unused bits whatever the key's
// last byte, and inputs that make no key are refused.

#include <doctest/doctest.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>

#include <memory>
#include <string>
#include <vector>

#include "certrenew/core/pki/error.hpp"
#include "certrenew/core/pki/public_key_info.hpp"

using namespace certrenew;

namespace {

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

Key decoded(const Bytes& spki) {
  const unsigned char* in = spki.data();
  Key key(d2i_PUBKEY(nullptr, &in, static_cast<long>(spki.size())), EVP_PKEY_free);
  REQUIRE(key);
  CHECK(in == spki.data() + spki.size());
  return key;
}

Bytes encoded(EVP_PKEY* key) {
  Bytes der(static_cast<std::size_t>(i2d_PUBKEY(key, nullptr)));
  unsigned char* out = der.data();
  REQUIRE(i2d_PUBKEY(key, &out) == static_cast<int>(der.size()));
  return der;
}

Bytes uncompressed_point(EVP_PKEY* key) {
  std::size_t length = 0;
  REQUIRE(EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY, nullptr, 0, &length) == 1);
  Bytes point(length);
  REQUIRE(EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY, point.data(), length,
                                          &length) == 1);
  REQUIRE(point.front() == 0x04);
  return point;
}

}  // namespace

TEST_CASE("an EC key written from its point is the key OpenSSL writes, byte for byte") {
  for (const char* curve : {"P-256", "SM2"}) {
    CAPTURE(curve);
    Key key(std::string(curve) == "SM2" ? EVP_PKEY_Q_keygen(nullptr, nullptr, "SM2")
                                        : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", curve),
            EVP_PKEY_free);
    REQUIRE(key);
    const int nid = std::string(curve) == "SM2" ? NID_sm2 : NID_X9_62_prime256v1;
    const Bytes spki = pki::ec_public_key_info(nid, uncompressed_point(key.get()));
    CHECK(spki == encoded(key.get()));
    CHECK(EVP_PKEY_eq(decoded(spki).get(), key.get()) == 1);
  }
}

TEST_CASE("an RSA key written from its numbers is the key OpenSSL writes, byte for byte") {
  Key key(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{2048}), EVP_PKEY_free);
  REQUIRE(key);
  BIGNUM* n = nullptr;
  BIGNUM* e = nullptr;
  REQUIRE(EVP_PKEY_get_bn_param(key.get(), OSSL_PKEY_PARAM_RSA_N, &n) == 1);
  REQUIRE(EVP_PKEY_get_bn_param(key.get(), OSSL_PKEY_PARAM_RSA_E, &e) == 1);
  Bytes modulus(static_cast<std::size_t>(BN_num_bytes(n)));
  Bytes exponent(static_cast<std::size_t>(BN_num_bytes(e)));
  BN_bn2bin(n, modulus.data());
  BN_bn2bin(e, exponent.data());
  BN_free(n);
  BN_free(e);
  const Bytes spki = pki::rsa_public_key_info(modulus, exponent);
  CHECK(spki == encoded(key.get()));
  CHECK(EVP_PKEY_eq(decoded(spki).get(), key.get()) == 1);
}

TEST_CASE("a key whose last byte ends in zero bits still has no unused bits") {
  // Not a point on the curve (nothing here checks that): only the bit string's encoding matters.
  Bytes point(65, 0x11);
  point[0] = 0x04;
  point.back() = 0x00;
  const Bytes spki = pki::ec_public_key_info(NID_X9_62_prime256v1, point);
  // ... BIT STRING: 03 42 00 04 ...: 66 bytes of content, the first the count of unused bits.
  REQUIRE(spki.size() > 68);
  const std::size_t at = spki.size() - 68;
  CHECK(spki[at] == 0x03);
  CHECK(spki[at + 1] == 0x42);
  CHECK(spki[at + 2] == 0x00);
  CHECK(Bytes(spki.end() - 65, spki.end()) == point);
}

TEST_CASE("inputs that make no key are refused") {
  const Bytes point = {0x04, 0x01, 0x02};
  CHECK_THROWS_AS(pki::ec_public_key_info(NID_X9_62_prime256v1, {}), pki::PkiError);
  CHECK_THROWS_AS(pki::ec_public_key_info(NID_undef, point), pki::PkiError);
  CHECK_THROWS_AS(pki::rsa_public_key_info({}, Bytes{0x01, 0x00, 0x01}), pki::PkiError);
  CHECK_THROWS_AS(pki::rsa_public_key_info(Bytes{0x01}, {}), pki::PkiError);
}
