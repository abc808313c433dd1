#include "pki/sm2_envelope_fields.hpp"

#include <openssl/core_names.h>
#include <openssl/obj_mac.h>

#include <algorithm>
#include <cstring>

#include "pki/openssl_error.hpp"

namespace certrenew::pki::detail {

void set_integer(ASN1_INTEGER* integer, const Sm2Field& field) {
  const auto number = bignum_of(field);
  require(BN_to_ASN1_INTEGER(number.get(), integer) == integer, "BN_to_ASN1_INTEGER");
}

BignumPtr bignum_of(const Sm2Field& field) {
  BignumPtr number(BN_bin2bn(field.data(), static_cast<int>(field.size()), nullptr));
  require(number != nullptr, "BN_bin2bn");
  return number;
}

Sm2Field field_of(const BIGNUM* number) {
  Sm2Field field{};
  if (BN_is_negative(number) ||
      BN_bn2binpad(number, field.data(), static_cast<int>(field.size())) < 0) {
    fail(PkiErrc::invalid_argument, "an SM2 value does not fit in 32 bytes");
  }
  return field;
}

EcGroupPtr sm2_group() {
  EcGroupPtr group(EC_GROUP_new_by_curve_name(NID_sm2));
  require(group != nullptr, "EC_GROUP_new_by_curve_name(SM2)");
  return group;
}

bool sm2_point_is_valid(const Sm2Field& x, const Sm2Field& y) {
  const auto group = sm2_group();
  const EcPointPtr point(EC_POINT_new(group.get()));
  require(point != nullptr, "EC_POINT_new");
  const bool ok = EC_POINT_set_affine_coordinates(group.get(), point.get(), bignum_of(x).get(),
                                                  bignum_of(y).get(), nullptr) == 1 &&
                  EC_POINT_is_on_curve(group.get(), point.get(), nullptr) == 1;
  take_openssl_errors();  // a point off the curve is an answer here, not an error to keep
  return ok;
}

crt_sm2_cipher c_view(const Sm2Cipher& cipher) {
  crt_sm2_cipher c;
  std::memset(&c, 0, sizeof c);
  std::copy(cipher.x.begin(), cipher.x.end(), c.x);
  std::copy(cipher.y.begin(), cipher.y.end(), c.y);
  std::copy(cipher.hash.begin(), cipher.hash.end(), c.hash);
  c.ciphertext = cipher.ciphertext.data();
  c.ciphertext_len = cipher.ciphertext.size();
  return c;
}

crt_sm2_enveloped_key c_view(const Sm2EnvelopedKey& envelope) {
  crt_sm2_enveloped_key c;
  std::memset(&c, 0, sizeof c);
  c.sym_algorithm = CRT_SYM_SM4_ECB;
  c.sym_key = c_view(envelope.encrypted_key);
  std::copy(envelope.public_x.begin(), envelope.public_x.end(), c.public_x);
  std::copy(envelope.public_y.begin(), envelope.public_y.end(), c.public_y);
  c.encrypted_private_key = envelope.encrypted_private_key.data();
  c.encrypted_private_key_len = envelope.encrypted_private_key.size();
  return c;
}

void sm2_public_point(const EVP_PKEY* key, Sm2Field& x, Sm2Field& y) {
  if (key == nullptr || EVP_PKEY_is_a(key, "SM2") != 1) {
    fail(PkiErrc::key_mismatch, "SM2 envelope: the key is not an SM2 key");
  }
  BIGNUM* px = nullptr;
  BIGNUM* py = nullptr;
  const bool ok = EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_EC_PUB_X, &px) == 1 &&
                  EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_EC_PUB_Y, &py) == 1;
  const BignumPtr owned_x(px), owned_y(py);
  if (!ok) fail(PkiErrc::key_mismatch, "SM2 envelope: the key has no public point");
  x = field_of(px);
  y = field_of(py);
}

}  // namespace certrenew::pki::detail
