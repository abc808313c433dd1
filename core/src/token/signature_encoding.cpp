#include "certrenew/core/token/signature_encoding.hpp"

#include <cstring>
#include <string>

#include <openssl/core_names.h>
#include <openssl/obj_mac.h>
#include <openssl/x509.h>

#include "certrenew/core/token/token_error.hpp"
#include "ossl.hpp"

namespace certrenew::token {

namespace {

using detail::BignumPtr;

constexpr std::size_t kSm2FieldBytes = 32;

[[noreturn]] void fail(TokenErrc code, std::string_view operation, std::string_view why) {
  throw TokenError(code, operation, why);
}

// Hashes the concatenation of `parts` with `md`.
Bytes digest(const EVP_MD* md, std::initializer_list<ByteView> parts) {
  detail::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestInit_ex(ctx.get(), md, nullptr) != 1)
    fail(TokenErrc::general, "hash", "OpenSSL could not start the digest");
  for (ByteView part : parts) {
    if (EVP_DigestUpdate(ctx.get(), part.data(), part.size()) != 1)
      fail(TokenErrc::general, "hash", "OpenSSL could not hash the data");
  }
  Bytes out(static_cast<std::size_t>(EVP_MD_get_size(md)));
  unsigned len = 0;
  if (EVP_DigestFinal_ex(ctx.get(), out.data(), &len) != 1)
    fail(TokenErrc::general, "hash", "OpenSSL could not finish the digest");
  out.resize(len);
  return out;
}

// A field element as the fixed-size big-endian octets GM/T 0009 hashes.
Bytes field_bytes(const BIGNUM* n) {
  Bytes out(kSm2FieldBytes);
  if (BN_bn2binpad(n, out.data(), static_cast<int>(out.size())) < 0)
    fail(TokenErrc::data_invalid, "compute SM2 digest", "a coordinate does not fit 256 bits");
  return out;
}

BignumPtr public_coordinate(const EVP_PKEY* key, const char* name) {
  BIGNUM* value = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &value) != 1)
    fail(TokenErrc::data_invalid, "compute SM2 digest", "the public key has no point");
  return BignumPtr(value);
}

}  // namespace

Bytes sha256_digest(ByteView message) {
  return digest(EVP_sha256(), {message});
}

Bytes sm2_signature_digest(ByteView spki, std::string_view signer_id, ByteView message) {
  constexpr std::string_view op = "compute SM2 digest";
  // ENTL is the ID's length in bits as two bytes.
  if (signer_id.size() > 0xffff / 8)
    fail(TokenErrc::data_invalid, op, "the SM2 signer ID is too long");

  const unsigned char* p = spki.data();
  detail::EvpPkeyPtr key(d2i_PUBKEY(nullptr, &p, static_cast<long>(spki.size())));
  if (!key) fail(TokenErrc::data_invalid, op, "the key's SubjectPublicKeyInfo cannot be parsed");
  char group[64] = {};
  std::size_t group_len = 0;
  if (EVP_PKEY_get_utf8_string_param(key.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group,
                                     &group_len) != 1 ||
      std::string_view(group, group_len) != "SM2")
    fail(TokenErrc::data_invalid, op, "the key is not an SM2 key");
  const BignumPtr xa = public_coordinate(key.get(), OSSL_PKEY_PARAM_EC_PUB_X);
  const BignumPtr ya = public_coordinate(key.get(), OSSL_PKEY_PARAM_EC_PUB_Y);

  // The curve parameters come from OpenSSL's definition of the SM2 curve.
  detail::EcGroupPtr curve(EC_GROUP_new_by_curve_name(NID_sm2));
  BignumPtr field(BN_new()), a(BN_new()), b(BN_new()), xg(BN_new()), yg(BN_new());
  if (!curve || !field || !a || !b || !xg || !yg ||
      EC_GROUP_get_curve(curve.get(), field.get(), a.get(), b.get(), nullptr) != 1 ||
      EC_POINT_get_affine_coordinates(curve.get(), EC_GROUP_get0_generator(curve.get()), xg.get(),
                                      yg.get(), nullptr) != 1)
    fail(TokenErrc::general, op, "OpenSSL could not give the SM2 curve parameters");

  const std::size_t id_bits = signer_id.size() * 8;
  const std::uint8_t entl[2] = {static_cast<std::uint8_t>(id_bits >> 8),
                                static_cast<std::uint8_t>(id_bits & 0xff)};
  const Bytes z =
      digest(EVP_sm3(), {ByteView(entl), as_bytes(signer_id), field_bytes(a.get()),
                         field_bytes(b.get()), field_bytes(xg.get()), field_bytes(yg.get()),
                         field_bytes(xa.get()), field_bytes(ya.get())});
  return digest(EVP_sm3(), {z, message});
}

Bytes raw_rs_to_der(ByteView raw_rs) {
  constexpr std::string_view op = "encode signature";
  if (raw_rs.empty() || raw_rs.size() % 2 != 0)
    fail(TokenErrc::data_invalid, op,
         "a raw r||s signature needs two halves of equal length, got " +
             std::to_string(raw_rs.size()) + " bytes");
  const int half = static_cast<int>(raw_rs.size() / 2);
  BignumPtr r(BN_bin2bn(raw_rs.data(), half, nullptr));
  BignumPtr s(BN_bin2bn(raw_rs.data() + half, half, nullptr));
  if (!r || !s) fail(TokenErrc::general, op, "OpenSSL could not read the signature");
  if (BN_is_zero(r.get()) || BN_is_zero(s.get()))
    fail(TokenErrc::data_invalid, op, "a raw signature has r or s equal to zero");

  detail::EcdsaSigPtr sig(ECDSA_SIG_new());
  if (!sig || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1)
    fail(TokenErrc::general, op, "OpenSSL could not build the signature");
  r.release();  // owned by sig now
  s.release();
  const int len = i2d_ECDSA_SIG(sig.get(), nullptr);
  if (len <= 0) fail(TokenErrc::general, op, "OpenSSL could not encode the signature");
  Bytes der(static_cast<std::size_t>(len));
  unsigned char* out = der.data();
  i2d_ECDSA_SIG(sig.get(), &out);
  return der;
}

}  // namespace certrenew::token
