// Sealing an encryption key pair to a signing key (the KMC's side) and opening it again (a
// software token's side), with OpenSSL's SM2 encryption and SM4-ECB. The opening is the driver
// kit's (the softtoken and the SKF test double use the same code), so there is one of it.
#include <certrenew/driver_kit/sm2_envelope.hpp>

#include <openssl/core_names.h>
#include <openssl/param_build.h>
#include <openssl/rand.h>

#include "certrenew/core/pki/sm2_envelope.hpp"
#include "pki/der.hpp"
#include "pki/openssl_error.hpp"
#include "pki/sm2_envelope_fields.hpp"

namespace certrenew::pki {

namespace {

using namespace detail;
namespace kit = driver_kit;

}  // namespace

Sm2Cipher sm2_encrypt(const EVP_PKEY* recipient, ByteView message) {
  Sm2Field ignored_x, ignored_y;
  sm2_public_point(recipient, ignored_x, ignored_y);  // refuses a key that is not SM2
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

namespace {

// The private scalar of an SM2 key pair, 32 bytes big-endian.
kit::Secret private_scalar(const EVP_PKEY* key) {
  BIGNUM* d = nullptr;
  if (EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_PRIV_KEY, &d) != 1) {
    take_openssl_errors();
    fail(PkiErrc::key_mismatch, "SM2 envelope: the encryption key has no private key");
  }
  const OpenSslPtr<BIGNUM, BN_clear_free> owned(d);
  kit::Secret out(kSm2FieldSize);
  if (BN_bn2binpad(d, out.data(), static_cast<int>(out.size())) < 0)
    fail(PkiErrc::key_mismatch, "SM2 envelope: the private key is longer than 32 bytes");
  return out;
}

// Runs a driver-kit step, its failures as PkiError: what does not open is a key mismatch.
template <typename Step>
auto kit_step(Step&& step) {
  try {
    return step();
  } catch (const kit::DriverError& e) {
    fail(e.status() == CRT_ERR_DATA_INVALID ? PkiErrc::key_mismatch : PkiErrc::internal,
         std::string("SM2 envelope: ") + e.what());
  }
}

}  // namespace

Bytes seal_sm2_envelope(const EVP_PKEY* signing_public_key, const EVP_PKEY* encryption_key) {
  Sm2Field ignored_x, ignored_y;
  sm2_public_point(signing_public_key, ignored_x, ignored_y);  // refuses a non-SM2 signing key
  Sm2EnvelopedKey envelope;
  sm2_public_point(encryption_key, envelope.public_x, envelope.public_y);
  const kit::Secret d = private_scalar(encryption_key);
  kit::Secret sm4_key(kSm4KeySize);
  require(RAND_priv_bytes(sm4_key.data(), static_cast<int>(sm4_key.size())) == 1,
          "RAND_priv_bytes");
  const kit::Secret encrypted =
      kit_step([&] { return kit::sm4_ecb(true, sm4_key.data(), d.data(), d.size()); });
  envelope.encrypted_private_key.assign(encrypted.data(), encrypted.data() + encrypted.size());
  envelope.encrypted_key =
      sm2_encrypt(signing_public_key, ByteView(sm4_key.data(), sm4_key.size()));
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
  const crt_sm2_enveloped_key c = c_view(envelope);
  return kit_step([&] { return kit::open_enveloped_key(signing_private_key, c); });
}

SealedData seal_data(ByteView recipient_spki_der, ByteView blocks) {
  if (blocks.empty() || blocks.size() % 16 != 0)
    fail(PkiErrc::invalid_argument, "sealed data must be whole 16-byte SM4 blocks");
  const auto recipient = parse_spki(recipient_spki_der);
  if (recipient == nullptr)
    fail(PkiErrc::invalid_argument, "the encryption public key is not DER SPKI");
  kit::Secret sm4_key(kSm4KeySize);
  require(RAND_priv_bytes(sm4_key.data(), static_cast<int>(sm4_key.size())) == 1,
          "RAND_priv_bytes");
  SealedData sealed;
  sealed.wrapped_key = sm2_encrypt(recipient.get(), ByteView(sm4_key.data(), sm4_key.size()));
  const kit::Secret data =
      kit_step([&] { return kit::sm4_ecb(true, sm4_key.data(), blocks.data(), blocks.size()); });
  sealed.data.assign(data.data(), data.data() + data.size());
  return sealed;
}

Bytes public_key_spki(const Sm2EnvelopedKey& envelope) {
  Bytes point{0x04};
  point.insert(point.end(), envelope.public_x.begin(), envelope.public_x.end());
  point.insert(point.end(), envelope.public_y.begin(), envelope.public_y.end());
  const OpenSslPtr<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free> build(OSSL_PARAM_BLD_new());
  require(build != nullptr &&
              OSSL_PARAM_BLD_push_utf8_string(build.get(), OSSL_PKEY_PARAM_GROUP_NAME, "SM2", 0) &&
              OSSL_PARAM_BLD_push_octet_string(build.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                               point.size()),
          "OSSL_PARAM_BLD");
  const OpenSslPtr<OSSL_PARAM, OSSL_PARAM_free> params(OSSL_PARAM_BLD_to_param(build.get()));
  const EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "SM2", nullptr));
  EVP_PKEY* key = nullptr;
  if (params == nullptr || ctx == nullptr || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) != 1)
    fail(PkiErrc::malformed, "SM2 envelope: the public key is not an SM2 point");
  const EvpPkeyPtr owned(key);
  return to_der(owned.get(), i2d_PUBKEY);
}

}  // namespace certrenew::pki
