// TEST DOUBLE: OpenSSL 3 behind the emulated chip (token_crypto.hpp).
#include "token_crypto.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>

#include <cstring>
#include <memory>
#include <utility>

namespace certrenew::skf_testdouble {

namespace {

struct Free {
  void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
  void operator()(BIO* p) const { BIO_free(p); }
  void operator()(BIGNUM* p) const { BN_free(p); }
  void operator()(ECDSA_SIG* p) const { ECDSA_SIG_free(p); }
  void operator()(EVP_CIPHER_CTX* p) const { EVP_CIPHER_CTX_free(p); }
};
template <typename T>
using Ptr = std::unique_ptr<T, Free>;

// A big number into a 64-byte field: right-aligned (the standard) or left-aligned.
void put_coordinate(const BIGNUM* value, BYTE (&field)[64], bool left_aligned) {
  std::memset(field, 0, sizeof field);
  BN_bn2binpad(value, field + (left_aligned ? 0 : 32), 32);
}

// Two big-number parameters of a private key in PEM (OSSL_PKEY_PARAM_*): both, or neither.
std::pair<Ptr<BIGNUM>, Ptr<BIGNUM>> bn_params(const std::string& private_pem, const char* first,
                                              const char* second) {
  const driver_kit::EvpPkeyPtr key = private_key_from_pem(private_pem);
  if (!key) return {};
  BIGNUM* a = nullptr;
  BIGNUM* b = nullptr;
  EVP_PKEY_get_bn_param(key.get(), first, &a);
  EVP_PKEY_get_bn_param(key.get(), second, &b);
  std::pair<Ptr<BIGNUM>, Ptr<BIGNUM>> out{Ptr<BIGNUM>(a), Ptr<BIGNUM>(b)};
  if (!out.first || !out.second) return {};
  return out;
}

}  // namespace

std::string private_key_pem(EVP_PKEY* key) {
  Ptr<BIO> bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

driver_kit::EvpPkeyPtr private_key_from_pem(const std::string& pem) {
  Ptr<BIO> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  return driver_kit::EvpPkeyPtr(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
}

std::string generate_sm2_pem() {
  const driver_kit::EvpPkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "SM2"));
  return key ? private_key_pem(key.get()) : std::string();
}

std::string generate_rsa_pem(unsigned bits) {
  const driver_kit::EvpPkeyPtr key(
      EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(bits)));
  return key ? private_key_pem(key.get()) : std::string();
}

bool is_rsa(const std::string& private_pem) {
  const driver_kit::EvpPkeyPtr key = private_key_from_pem(private_pem);
  return key && EVP_PKEY_is_a(key.get(), "RSA");
}

ECCPUBLICKEYBLOB ecc_public_blob(const std::string& private_pem, bool left_aligned) {
  ECCPUBLICKEYBLOB blob;
  std::memset(&blob, 0, sizeof blob);
  const auto [x, y] = bn_params(private_pem, OSSL_PKEY_PARAM_EC_PUB_X, OSSL_PKEY_PARAM_EC_PUB_Y);
  if (x) {
    blob.BitLen = 256;
    put_coordinate(x.get(), blob.XCoordinate, left_aligned);
    put_coordinate(y.get(), blob.YCoordinate, left_aligned);
  }
  return blob;
}

RSAPUBLICKEYBLOB rsa_public_blob(const std::string& private_pem) {
  RSAPUBLICKEYBLOB blob;
  std::memset(&blob, 0, sizeof blob);
  const auto [n, e] = bn_params(private_pem, OSSL_PKEY_PARAM_RSA_N, OSSL_PKEY_PARAM_RSA_E);
  if (n) {
    blob.AlgID = SGD_RSA;
    blob.BitLen = static_cast<ULONG>(BN_num_bits(n.get()));
    BN_bn2binpad(n.get(), blob.Modulus, MAX_RSA_MODULUS_LEN);
    BN_bn2binpad(e.get(), blob.PublicExponent, MAX_RSA_EXPONENT_LEN);
  }
  return blob;
}

bool sm2_sign_digest(const std::string& private_pem, const BYTE* e, ULONG e_len,
                     ECCSIGNATUREBLOB& out, bool left_aligned) {
  const driver_kit::EvpPkeyPtr key = private_key_from_pem(private_pem);
  if (!key || e_len != 32) return false;
  // EVP_PKEY_sign on an SM2 key signs the given bytes as e, without hashing again.
  Ptr<EVP_PKEY_CTX> ctx(EVP_PKEY_CTX_new(key.get(), nullptr));
  unsigned char der[128];
  size_t der_len = sizeof der;
  if (!ctx || EVP_PKEY_sign_init(ctx.get()) != 1 ||
      EVP_PKEY_sign(ctx.get(), der, &der_len, e, e_len) != 1)
    return false;
  const unsigned char* p = der;
  Ptr<ECDSA_SIG> sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der_len)));
  if (!sig) return false;
  put_coordinate(ECDSA_SIG_get0_r(sig.get()), out.r, left_aligned);
  put_coordinate(ECDSA_SIG_get0_s(sig.get()), out.s, left_aligned);
  return true;
}

bool rsa_sign_raw(const std::string& private_pem, const BYTE* data, ULONG len, Bytes& out) {
  const driver_kit::EvpPkeyPtr key = private_key_from_pem(private_pem);
  if (!key) return false;
  Ptr<EVP_PKEY_CTX> ctx(EVP_PKEY_CTX_new(key.get(), nullptr));
  size_t sig_len = 0;
  if (!ctx || EVP_PKEY_sign_init(ctx.get()) != 1 ||
      EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) != 1 ||
      EVP_PKEY_sign(ctx.get(), nullptr, &sig_len, data, len) != 1)
    return false;
  out.resize(sig_len);
  if (EVP_PKEY_sign(ctx.get(), out.data(), &sig_len, data, len) != 1) return false;
  out.resize(sig_len);
  return true;
}

bool random_bytes(BYTE* out, ULONG len) {
  return RAND_bytes(out, static_cast<int>(len)) == 1;
}

Bytes sm4_ecb_encrypt(const Bytes& key, const Bytes& data) {
  Bytes out(data.size() + 16);
  Ptr<EVP_CIPHER_CTX> ctx(EVP_CIPHER_CTX_new());
  int len = 0, tail = 0;
  if (key.size() != 16 || !ctx ||
      EVP_EncryptInit_ex(ctx.get(), EVP_sm4_ecb(), nullptr, key.data(), nullptr) != 1 ||
      EVP_CIPHER_CTX_set_padding(ctx.get(), 0) != 1 ||
      EVP_EncryptUpdate(ctx.get(), out.data(), &len, data.data(), static_cast<int>(data.size())) !=
          1 ||
      EVP_EncryptFinal_ex(ctx.get(), out.data() + len, &tail) != 1)
    return {};
  out.resize(static_cast<std::size_t>(len + tail));
  return out;
}

}  // namespace certrenew::skf_testdouble
