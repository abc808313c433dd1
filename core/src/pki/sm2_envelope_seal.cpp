// Sealing an encryption key pair to a signing key (the KMC's side) and opening it again (a
// software token's side), with OpenSSL's SM2 encryption and SM4-ECB.
#include <openssl/core_names.h>
#include <openssl/param_build.h>
#include <openssl/rand.h>

#include <algorithm>

#include "certrenew/core/pki/sm2_envelope.hpp"
#include "pki/der.hpp"
#include "pki/openssl_error.hpp"
#include "pki/sm2_envelope_fields.hpp"

namespace certrenew::pki {

namespace {

using namespace detail;
using EvpCipherCtxPtr = OpenSslPtr<EVP_CIPHER_CTX, EVP_CIPHER_CTX_free>;
using ParamBuildPtr = OpenSslPtr<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>;
using ParamsPtr = OpenSslPtr<OSSL_PARAM, OSSL_PARAM_free>;

// A secret on the stack, wiped on every way out.
template <std::size_t N>
struct WipedBytes {
  std::array<std::uint8_t, N> bytes{};
  WipedBytes() = default;
  WipedBytes(const WipedBytes&) = delete;
  WipedBytes& operator=(const WipedBytes&) = delete;
  ~WipedBytes() { OPENSSL_cleanse(bytes.data(), bytes.size()); }
};

// SM4-ECB without padding over whole blocks (the private key is two blocks).
void sm4_ecb(bool encrypt, const std::array<std::uint8_t, kSm4KeySize>& key, ByteView in,
             std::uint8_t* out) {
  const EvpCipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  require(ctx != nullptr, "EVP_CIPHER_CTX_new");
  require(EVP_CipherInit_ex(ctx.get(), EVP_sm4_ecb(), nullptr, key.data(), nullptr,
                            encrypt ? 1 : 0) == 1,
          "SM4-ECB init");
  EVP_CIPHER_CTX_set_padding(ctx.get(), 0);
  int written = 0;
  int last = 0;
  require(EVP_CipherUpdate(ctx.get(), out, &written, in.data(), static_cast<int>(in.size())) == 1 &&
              EVP_CipherFinal_ex(ctx.get(), out + written, &last) == 1 &&
              static_cast<std::size_t>(written + last) == in.size(),
          "SM4-ECB");
}

Sm2Cipher sm2_encrypt(const EVP_PKEY* recipient, ByteView message) {
  const EvpPkeyCtxPtr ctx(
      EVP_PKEY_CTX_new_from_pkey(nullptr, const_cast<EVP_PKEY*>(recipient), nullptr));
  require(ctx != nullptr && EVP_PKEY_encrypt_init(ctx.get()) == 1, "SM2 encryption init");
  std::size_t length = 0;
  require(EVP_PKEY_encrypt(ctx.get(), nullptr, &length, message.data(), message.size()) == 1,
          "SM2 encryption");
  Bytes der(length);
  require(EVP_PKEY_encrypt(ctx.get(), der.data(), &length, message.data(), message.size()) == 1,
          "SM2 encryption");
  der.resize(length);
  return decode_sm2_cipher(der);
}

// The private scalar of an SM2 key pair, into `out` (which the caller wipes).
void private_scalar(const EVP_PKEY* key, Sm2Field& out) {
  BIGNUM* d = nullptr;
  if (EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_PRIV_KEY, &d) != 1) {
    take_openssl_errors();
    fail(PkiErrc::key_mismatch, "SM2 envelope: the encryption key has no private key");
  }
  const BignumPtr owned(d);
  const bool fits = BN_bn2binpad(d, out.data(), static_cast<int>(out.size())) >= 0;
  BN_clear(d);
  if (!fits) fail(PkiErrc::key_mismatch, "SM2 envelope: the private key is longer than 32 bytes");
}

// The SM2 key pair with private scalar `d`, when its public point is (x, y).
ossl::EvpPkeyPtr key_pair(const Sm2Field& d, const Sm2Field& x, const Sm2Field& y) {
  const auto group = sm2_group();
  const BignumPtr scalar(BN_secure_new());
  require(scalar != nullptr && BN_bin2bn(d.data(), static_cast<int>(d.size()), scalar.get()),
          "BN_bin2bn");
  // GM/T 0003: a private key lies in [1, n - 2].
  BignumPtr limit(BN_dup(EC_GROUP_get0_order(group.get())));
  require(limit != nullptr && BN_sub_word(limit.get(), 2) == 1, "BN_sub_word");
  if (BN_is_zero(scalar.get()) || BN_cmp(scalar.get(), limit.get()) > 0) {
    fail(PkiErrc::key_mismatch, "SM2 envelope: the private key is out of range (tampered?)");
  }
  const EcPointPtr point(EC_POINT_new(group.get()));
  require(point != nullptr &&
              EC_POINT_mul(group.get(), point.get(), scalar.get(), nullptr, nullptr, nullptr) == 1,
          "EC_POINT_mul");
  const BignumPtr px(BN_new()), py(BN_new());
  require(px != nullptr && py != nullptr &&
              EC_POINT_get_affine_coordinates(group.get(), point.get(), px.get(), py.get(),
                                              nullptr) == 1,
          "EC_POINT_get_affine_coordinates");
  if (field_of(px.get()) != x || field_of(py.get()) != y) {
    fail(PkiErrc::key_mismatch,
         "SM2 envelope: the private key does not match the public key (tampered envelope)");
  }
  Bytes encoded{0x04};
  encoded.insert(encoded.end(), x.begin(), x.end());
  encoded.insert(encoded.end(), y.begin(), y.end());
  const ParamBuildPtr build(OSSL_PARAM_BLD_new());
  require(build != nullptr &&
              OSSL_PARAM_BLD_push_utf8_string(build.get(), OSSL_PKEY_PARAM_GROUP_NAME, "SM2", 0) &&
              OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_PRIV_KEY, scalar.get()) &&
              OSSL_PARAM_BLD_push_octet_string(build.get(), OSSL_PKEY_PARAM_PUB_KEY, encoded.data(),
                                               encoded.size()),
          "OSSL_PARAM_BLD");
  const ParamsPtr params(OSSL_PARAM_BLD_to_param(build.get()));
  const EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "SM2", nullptr));
  EVP_PKEY* key = nullptr;
  require(params != nullptr && ctx != nullptr && EVP_PKEY_fromdata_init(ctx.get()) == 1 &&
              EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_KEYPAIR, params.get()) == 1,
          "EVP_PKEY_fromdata(SM2)");
  return ossl::EvpPkeyPtr(key);
}

}  // namespace

Bytes seal_sm2_envelope(const EVP_PKEY* signing_public_key, const EVP_PKEY* encryption_key) {
  Sm2Field ignored_x, ignored_y;
  sm2_public_point(signing_public_key, ignored_x, ignored_y);  // refuses a non-SM2 signing key
  Sm2EnvelopedKey envelope;
  sm2_public_point(encryption_key, envelope.public_x, envelope.public_y);
  WipedBytes<kSm2FieldSize> d;
  private_scalar(encryption_key, d.bytes);
  WipedBytes<kSm4KeySize> sm4_key;
  require(RAND_priv_bytes(sm4_key.bytes.data(), static_cast<int>(sm4_key.bytes.size())) == 1,
          "RAND_priv_bytes");
  envelope.encrypted_private_key.resize(kSm2FieldSize);
  sm4_ecb(true, sm4_key.bytes, d.bytes, envelope.encrypted_private_key.data());
  envelope.encrypted_key = sm2_encrypt(signing_public_key, sm4_key.bytes);
  return encode_sm2_enveloped_key(envelope);
}

Bytes seal_sm2_envelope(ByteView signing_spki_der, const EVP_PKEY* encryption_key) {
  const auto signing = parse_spki(signing_spki_der);
  if (signing == nullptr) {
    fail(PkiErrc::invalid_argument, "SM2 envelope: the signing public key is not DER SPKI");
  }
  return seal_sm2_envelope(signing.get(), encryption_key);
}

ossl::EvpPkeyPtr open_sm2_envelope(const Sm2EnvelopedKey& envelope,
                                   const EVP_PKEY* signing_private_key) {
  Sm2Field ignored_x, ignored_y;
  sm2_public_point(signing_private_key, ignored_x, ignored_y);
  const Bytes wrapped = encode_sm2_cipher(envelope.encrypted_key);
  const EvpPkeyCtxPtr ctx(
      EVP_PKEY_CTX_new_from_pkey(nullptr, const_cast<EVP_PKEY*>(signing_private_key), nullptr));
  require(ctx != nullptr && EVP_PKEY_decrypt_init(ctx.get()) == 1, "SM2 decryption init");
  WipedBytes<kSm2FieldSize + kSm4KeySize> plain;  // room for a longer plaintext to be refused
  std::size_t length = plain.bytes.size();
  if (EVP_PKEY_decrypt(ctx.get(), plain.bytes.data(), &length, wrapped.data(), wrapped.size()) !=
          1 ||
      length != kSm4KeySize) {
    take_openssl_errors();
    fail(PkiErrc::key_mismatch,
         "SM2 envelope: the symmetric key does not decrypt with this signing key");
  }
  WipedBytes<kSm4KeySize> sm4_key;
  std::copy_n(plain.bytes.begin(), kSm4KeySize, sm4_key.bytes.begin());
  if (envelope.encrypted_private_key.size() != kSm2FieldSize) {
    fail(PkiErrc::malformed, "SM2 envelope: the encrypted private key is not 32 bytes");
  }
  WipedBytes<kSm2FieldSize> d;
  sm4_ecb(false, sm4_key.bytes, envelope.encrypted_private_key, d.bytes.data());
  return key_pair(d.bytes, envelope.public_x, envelope.public_y);
}

}  // namespace certrenew::pki
