#include "ecc_blobs.hpp"
#include "catalogues/skf_texts.hpp"

#include <certrenew/driver_kit/openssl.hpp>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/param_build.h>

#include <algorithm>
#include <cstddef>
#include <cstring>

namespace certrenew::skf {

namespace {

using ParamBldPtr = kit::OpenSslPtr<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>;
using ParamPtr = kit::OpenSslPtr<OSSL_PARAM, OSSL_PARAM_free>;
using BignumPtr = kit::OpenSslPtr<BIGNUM, BN_free>;
using EcdsaSigPtr = kit::OpenSslPtr<ECDSA_SIG, ECDSA_SIG_free>;

// The 32-byte value in a 64-byte field, or nothing when the other half is not all zeros.
bool take_half(const BYTE (&field)[64], Alignment where, BYTE* out) {
  const BYTE* value = field + (where == Alignment::right ? 32 : 0);
  const BYTE* rest = field + (where == Alignment::right ? 0 : 32);
  if (std::any_of(rest, rest + 32, [](BYTE b) { return b != 0; })) return false;
  std::copy(value, value + 32, out);
  return true;
}

kit::EvpPkeyPtr key_from_params(const char* type, OSSL_PARAM_BLD* bld) {
  ParamPtr params(OSSL_PARAM_BLD_to_param(bld));
  kit::EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  EVP_PKEY* key = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    ERR_clear_error();
    return nullptr;
  }
  return kit::EvpPkeyPtr(key);
}

// An SM2 public key from the uncompressed point 04 || X || Y; OpenSSL refuses a point that is not
// on the curve.
kit::EvpPkeyPtr sm2_key(const ECCPUBLICKEYBLOB& blob, Alignment where) {
  BYTE point[65];
  point[0] = 0x04;
  if (!take_half(blob.XCoordinate, where, point + 1) ||
      !take_half(blob.YCoordinate, where, point + 33))
    return nullptr;
  ParamBldPtr bld(OSSL_PARAM_BLD_new());
  if (!bld ||
      OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, "SM2", 0) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point, sizeof point) !=
          1)
    return nullptr;
  return key_from_params("SM2", bld.get());
}

bool verifies(EVP_PKEY* key, const Bytes& der_signature, const Bytes& e) {
  kit::EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new(key, nullptr));
  const bool ok = ctx && EVP_PKEY_verify_init(ctx.get()) == 1 &&
                  EVP_PKEY_verify(ctx.get(), der_signature.data(), der_signature.size(), e.data(),
                                  e.size()) == 1;
  ERR_clear_error();
  return ok;
}

}  // namespace

Bytes sm2_spki(const ECCPUBLICKEYBLOB& blob) {
  if (blob.BitLen != 256)
    fail(CRT_ERR_DEVICE, say(SkfText::sm2_blob_bits, {std::to_string(blob.BitLen)}));
  for (Alignment where : {Alignment::right, Alignment::left})
    if (kit::EvpPkeyPtr key = sm2_key(blob, where)) return kit::spki_of(key.get());
  fail(CRT_ERR_DEVICE, say(SkfText::sm2_point_missing));
}

Bytes rsa_spki(const RSAPUBLICKEYBLOB& blob) {
  if (blob.BitLen < 1024 || blob.BitLen > 8 * MAX_RSA_MODULUS_LEN || blob.BitLen % 8 != 0)
    fail(CRT_ERR_DEVICE, say(SkfText::rsa_blob_bits, {std::to_string(blob.BitLen)}));
  BignumPtr n(BN_bin2bn(blob.Modulus, MAX_RSA_MODULUS_LEN, nullptr));
  BignumPtr e(BN_bin2bn(blob.PublicExponent, MAX_RSA_EXPONENT_LEN, nullptr));
  ParamBldPtr bld(OSSL_PARAM_BLD_new());
  kit::EvpPkeyPtr key;
  if (n && e && bld && OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) == 1 &&
      OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) == 1)
    key = key_from_params("RSA", bld.get());
  if (!key || EVP_PKEY_get_bits(key.get()) != static_cast<int>(blob.BitLen))
    fail(CRT_ERR_DEVICE, say(SkfText::rsa_blob_invalid));
  return kit::spki_of(key.get());
}

Bytes sm2_signature_rs(const ECCSIGNATUREBLOB& blob, const Bytes& spki, const Bytes& e) {
  const kit::EvpPkeyPtr key = kit::decode_spki(spki.data(), spki.size());
  if (!key) fail(CRT_ERR_DEVICE, "the key's public key cannot be read");
  for (Alignment where : {Alignment::right, Alignment::left}) {
    Bytes rs(64);
    if (!take_half(blob.r, where, rs.data()) || !take_half(blob.s, where, rs.data() + 32)) continue;
    EcdsaSigPtr sig(ECDSA_SIG_new());
    BIGNUM* r = BN_bin2bn(rs.data(), 32, nullptr);
    BIGNUM* s = BN_bin2bn(rs.data() + 32, 32, nullptr);
    if (!sig || r == nullptr || s == nullptr || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
      BN_free(r);
      BN_free(s);
      fail(CRT_ERR_GENERAL, "out of memory");
    }
    if (verifies(key.get(), kit::encode_der(sig.get(), i2d_ECDSA_SIG, "the signature"), e))
      return rs;
  }
  fail(CRT_ERR_DEVICE, say(SkfText::signature_unverified));
}

Alignment sm2_blob_alignment(const ECCPUBLICKEYBLOB& blob) {
  if (blob.BitLen != 256)
    fail(CRT_ERR_DEVICE, say(SkfText::sm2_blob_bits, {std::to_string(blob.BitLen)}));
  for (Alignment where : {Alignment::right, Alignment::left})
    if (sm2_key(blob, where)) return where;
  fail(CRT_ERR_DEVICE, say(SkfText::sm2_point_missing));
}

namespace {

void put_half(BYTE (&field)[64], const std::uint8_t* value, Alignment where) {
  std::memset(field, 0, sizeof field);
  std::memcpy(field + (where == Alignment::right ? 32 : 0), value, 32);
}

// The blob's fixed part and CipherLen bytes, at `offset` in `out` (sized by the caller).
void put_cipher(Bytes& out, std::size_t offset, const crt_sm2_cipher& cipher, Alignment where) {
  ECCCIPHERBLOB head;
  std::memset(&head, 0, sizeof head);
  put_half(head.XCoordinate, cipher.x, where);
  put_half(head.YCoordinate, cipher.y, where);
  std::memcpy(head.HASH, cipher.hash, sizeof head.HASH);
  head.CipherLen = static_cast<ULONG>(cipher.ciphertext_len);
  std::memcpy(out.data() + offset, &head, offsetof(ECCCIPHERBLOB, Cipher));
  std::memcpy(out.data() + offset + offsetof(ECCCIPHERBLOB, Cipher), cipher.ciphertext,
              cipher.ciphertext_len);
}

}  // namespace

Bytes ecc_cipher_blob(const crt_sm2_cipher& cipher, Alignment where) {
  // At least sizeof: libraries that copy the declared structure read its one Cipher byte.
  Bytes out(
      std::max(sizeof(ECCCIPHERBLOB), offsetof(ECCCIPHERBLOB, Cipher) + cipher.ciphertext_len));
  put_cipher(out, 0, cipher, where);
  return out;
}

Bytes enveloped_key_blob(const crt_sm2_enveloped_key& envelope, Alignment where) {
  if (envelope.encrypted_private_key_len != 32)
    fail(CRT_ERR_ARGUMENTS, "the encrypted private key is not 32 bytes");
  ENVELOPEDKEYBLOB head;
  std::memset(&head, 0, sizeof head);
  head.Version = 1;
  head.ulSymmAlgID = SGD_SM4_ECB;
  head.ulBits = 256;
  put_half(head.cbEncryptedPriKey, envelope.encrypted_private_key, where);
  head.PubKey.BitLen = 256;
  put_half(head.PubKey.XCoordinate, envelope.public_x, where);
  put_half(head.PubKey.YCoordinate, envelope.public_y, where);
  const std::size_t cipher_at = offsetof(ENVELOPEDKEYBLOB, ECCCipherBlob);
  Bytes out(std::max(sizeof(ENVELOPEDKEYBLOB), cipher_at + offsetof(ECCCIPHERBLOB, Cipher) +
                                                   envelope.sym_key.ciphertext_len));
  std::memcpy(out.data(), &head, cipher_at);
  put_cipher(out, cipher_at, envelope.sym_key, where);
  return out;
}

}  // namespace certrenew::skf
