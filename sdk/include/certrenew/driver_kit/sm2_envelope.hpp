#pragma once

// The CertRenew driver kit, optional part for drivers that do SM2 in software with OpenSSL 3 (a
// software token, a test double of a device): opening the SM2 digital envelopes of dual
// certificates (token_driver.h's crt_sm2_enveloped_key, crt_sm2_cipher). A device driver (SKF,
// PKCS#11) hands the fields to the device instead and needs none of this.
//
//   kit::EvpPkeyPtr pair = kit::open_enveloped_key(signing_private_key, envelope);
//   kit::Secret plain = kit::open_sealed_data(encryption_private_key, wrapped_key, data, len);
//
// Failures throw DriverError: CRT_ERR_DATA_INVALID for an envelope or sealed data that does not
// open with the key given (tampered, or sealed to another key), CRT_ERR_GENERAL otherwise.

#include <certrenew/token_driver.h>
#include <certrenew/driver_kit/error.hpp>
#include <certrenew/driver_kit/openssl.hpp>
#include <certrenew/driver_kit/secret.hpp>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/obj_mac.h>
#include <openssl/param_build.h>

#include <cstdint>
#include <cstring>
#include <vector>

namespace certrenew::driver_kit {

namespace sm2_detail {

using BignumPtr = OpenSslPtr<BIGNUM, BN_free>;
using SecureBignumPtr = OpenSslPtr<BIGNUM, BN_clear_free>;
using EcGroupPtr = OpenSslPtr<EC_GROUP, EC_GROUP_free>;
using EcPointPtr = OpenSslPtr<EC_POINT, EC_POINT_free>;
using CipherCtxPtr = OpenSslPtr<EVP_CIPHER_CTX, EVP_CIPHER_CTX_free>;
using ParamBuildPtr = OpenSslPtr<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>;
using ParamsPtr = OpenSslPtr<OSSL_PARAM, OSSL_PARAM_free>;

inline void type_free(ASN1_TYPE* value) {
  ASN1_TYPE_free(value);
}
struct SequenceFree {
  void operator()(ASN1_SEQUENCE_ANY* sequence) const { sk_ASN1_TYPE_pop_free(sequence, type_free); }
};
using SequencePtr = std::unique_ptr<ASN1_SEQUENCE_ANY, SequenceFree>;

inline void check(bool ok, const char* doing) {
  if (!ok) openssl_failure(CRT_ERR_GENERAL, doing);
}

inline void push(ASN1_SEQUENCE_ANY* sequence, int type, void* value, const char* doing) {
  ASN1_TYPE* element = ASN1_TYPE_new();
  check(element != nullptr, doing);
  ASN1_TYPE_set(element, type, value);
  if (sk_ASN1_TYPE_push(sequence, element) <= 0) {
    ASN1_TYPE_free(element);
    openssl_failure(CRT_ERR_GENERAL, doing);
  }
}

inline void push_integer(ASN1_SEQUENCE_ANY* sequence, const std::uint8_t* field) {
  const BignumPtr number(BN_bin2bn(field, CRT_SM2_FIELD_LEN, nullptr));
  check(number != nullptr, "SM2Cipher coordinate");
  ASN1_INTEGER* integer = BN_to_ASN1_INTEGER(number.get(), nullptr);
  check(integer != nullptr, "SM2Cipher coordinate");
  push(sequence, V_ASN1_INTEGER, integer, "SM2Cipher coordinate");
}

inline void push_octets(ASN1_SEQUENCE_ANY* sequence, const std::uint8_t* data, std::size_t len) {
  ASN1_OCTET_STRING* octets = ASN1_OCTET_STRING_new();
  check(octets != nullptr && ASN1_OCTET_STRING_set(octets, data, static_cast<int>(len)) == 1,
        "SM2Cipher octets");
  push(sequence, V_ASN1_OCTET_STRING, octets, "SM2Cipher octets");
}

inline EcGroupPtr sm2_group() {
  EcGroupPtr group(EC_GROUP_new_by_curve_name(NID_sm2));
  check(group != nullptr, "the SM2 curve");
  return group;
}

}  // namespace sm2_detail

// DER SM2Cipher (C1 C3 C2, GM/T 0009) of the fields: what OpenSSL's SM2 decryption takes.
inline std::vector<std::uint8_t> sm2_cipher_der(const crt_sm2_cipher& cipher) {
  using namespace sm2_detail;
  const SequencePtr sequence(sk_ASN1_TYPE_new_null());
  check(sequence != nullptr, "SM2Cipher");
  push_integer(sequence.get(), cipher.x);
  push_integer(sequence.get(), cipher.y);
  push_octets(sequence.get(), cipher.hash, CRT_SM2_FIELD_LEN);
  push_octets(sequence.get(), cipher.ciphertext, cipher.ciphertext_len);
  return encode_der(sequence.get(), i2d_ASN1_SEQUENCE_ANY, "SM2Cipher");
}

// SM2 decryption with an SM2 private key. CRT_ERR_DATA_INVALID when C3 does not verify (the
// ciphertext was changed, or it was made for another key).
inline Secret sm2_decrypt(const EVP_PKEY* key, const crt_sm2_cipher& cipher) {
  const std::vector<std::uint8_t> der = sm2_cipher_der(cipher);
  const EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, const_cast<EVP_PKEY*>(key), nullptr));
  sm2_detail::check(ctx != nullptr && EVP_PKEY_decrypt_init(ctx.get()) == 1, "SM2 decryption");
  std::size_t len = 0;
  sm2_detail::check(EVP_PKEY_decrypt(ctx.get(), nullptr, &len, der.data(), der.size()) == 1,
                    "SM2 decryption");
  Secret plain(len);
  if (EVP_PKEY_decrypt(ctx.get(), plain.data(), &len, der.data(), der.size()) != 1)
    openssl_failure(CRT_ERR_DATA_INVALID, "the SM2 ciphertext does not decrypt with this key");
  plain.truncate(len);
  return plain;
}

// SM4-ECB without padding over whole 16-byte blocks.
inline Secret sm4_ecb(bool encrypt, const std::uint8_t* key, const std::uint8_t* in,
                      std::size_t len) {
  using namespace sm2_detail;
  if (len % 16 != 0) fail(CRT_ERR_ARGUMENTS, "SM4-ECB takes whole 16-byte blocks");
  const CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  check(ctx != nullptr &&
            EVP_CipherInit_ex(ctx.get(), EVP_sm4_ecb(), nullptr, key, nullptr, encrypt ? 1 : 0) ==
                1 &&
            EVP_CIPHER_CTX_set_padding(ctx.get(), 0) == 1,
        "SM4-ECB");
  Secret out(len + 16);
  int written = 0;
  int last = 0;
  check(EVP_CipherUpdate(ctx.get(), out.data(), &written, in, static_cast<int>(len)) == 1 &&
            EVP_CipherFinal_ex(ctx.get(), out.data() + written, &last) == 1,
        "SM4-ECB");
  out.truncate(static_cast<std::size_t>(written + last));
  return out;
}

// The SM2 key pair whose private key is the 32-byte big-endian `d`, when its public point is
// (x, y) (GM/T 0003: d in [1, n-2]); CRT_ERR_DATA_INVALID otherwise.
inline EvpPkeyPtr sm2_key_pair(const std::uint8_t* d, const std::uint8_t* x,
                               const std::uint8_t* y) {
  using namespace sm2_detail;
  const EcGroupPtr group = sm2_group();
  const SecureBignumPtr scalar(BN_secure_new());
  check(scalar != nullptr && BN_bin2bn(d, CRT_SM2_FIELD_LEN, scalar.get()) != nullptr,
        "the private key");
  const BignumPtr limit(BN_dup(EC_GROUP_get0_order(group.get())));
  check(limit != nullptr && BN_sub_word(limit.get(), 2) == 1, "the SM2 order");
  if (BN_is_zero(scalar.get()) || BN_cmp(scalar.get(), limit.get()) > 0)
    fail(CRT_ERR_DATA_INVALID, "the private key is out of range");
  const EcPointPtr point(EC_POINT_new(group.get()));
  const BignumPtr px(BN_new()), py(BN_new());
  check(point != nullptr && px != nullptr && py != nullptr &&
            EC_POINT_mul(group.get(), point.get(), scalar.get(), nullptr, nullptr, nullptr) == 1 &&
            EC_POINT_get_affine_coordinates(group.get(), point.get(), px.get(), py.get(),
                                            nullptr) == 1,
        "the public point");
  std::uint8_t public_key[1 + 2 * CRT_SM2_FIELD_LEN];
  public_key[0] = 0x04;
  check(BN_bn2binpad(px.get(), public_key + 1, CRT_SM2_FIELD_LEN) == CRT_SM2_FIELD_LEN &&
            BN_bn2binpad(py.get(), public_key + 1 + CRT_SM2_FIELD_LEN, CRT_SM2_FIELD_LEN) ==
                CRT_SM2_FIELD_LEN,
        "the public point");
  if (std::memcmp(public_key + 1, x, CRT_SM2_FIELD_LEN) != 0 ||
      std::memcmp(public_key + 1 + CRT_SM2_FIELD_LEN, y, CRT_SM2_FIELD_LEN) != 0)
    fail(CRT_ERR_DATA_INVALID, "the private key does not match the public key");
  const ParamBuildPtr build(OSSL_PARAM_BLD_new());
  check(build != nullptr &&
            OSSL_PARAM_BLD_push_utf8_string(build.get(), OSSL_PKEY_PARAM_GROUP_NAME, "SM2", 0) &&
            OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_PRIV_KEY, scalar.get()) &&
            OSSL_PARAM_BLD_push_octet_string(build.get(), OSSL_PKEY_PARAM_PUB_KEY, public_key,
                                             sizeof public_key),
        "the SM2 key");
  const ParamsPtr params(OSSL_PARAM_BLD_to_param(build.get()));
  const EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "SM2", nullptr));
  EVP_PKEY* key = nullptr;
  check(params != nullptr && ctx != nullptr && EVP_PKEY_fromdata_init(ctx.get()) == 1 &&
            EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_KEYPAIR, params.get()) == 1,
        "the SM2 key");
  return EvpPkeyPtr(key);
}

// The encryption key pair in an envelope sealed to `signing_key` (an SM2 private key).
inline EvpPkeyPtr open_enveloped_key(const EVP_PKEY* signing_key,
                                     const crt_sm2_enveloped_key& envelope) {
  if (envelope.sym_algorithm != CRT_SYM_SM4_ECB)
    fail(CRT_ERR_NOT_SUPPORTED, "the envelope's symmetric algorithm is not SM4-ECB");
  if (envelope.encrypted_private_key_len != CRT_SM2_FIELD_LEN)
    fail(CRT_ERR_DATA_INVALID, "the envelope's encrypted private key is not 32 bytes");
  const Secret sm4_key = sm2_decrypt(signing_key, envelope.sym_key);
  if (sm4_key.size() != 16) fail(CRT_ERR_DATA_INVALID, "the envelope's key is not an SM4 key");
  const Secret d = sm4_ecb(false, sm4_key.data(), envelope.encrypted_private_key,
                           envelope.encrypted_private_key_len);
  return sm2_key_pair(d.data(), envelope.public_x, envelope.public_y);
}

// Data sealed to `encryption_key`: the SM4 key unwrapped with it, then the data SM4-ECB
// decrypted.
inline Secret open_sealed_data(const EVP_PKEY* encryption_key, const crt_sm2_cipher& wrapped_key,
                               const std::uint8_t* data, std::size_t len) {
  const Secret sm4_key = sm2_decrypt(encryption_key, wrapped_key);
  if (sm4_key.size() != 16) fail(CRT_ERR_DATA_INVALID, "the wrapped key is not an SM4 key");
  return sm4_ecb(false, sm4_key.data(), data, len);
}

}  // namespace certrenew::driver_kit
