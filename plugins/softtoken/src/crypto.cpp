#include "crypto.hpp"

#include <certrenew/driver_kit/openssl.hpp>
#include <certrenew/softtoken/store.hpp>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <limits>

namespace certrenew::softtoken {

namespace {

using CipherCtxPtr = kit::OpenSslPtr<EVP_CIPHER_CTX, EVP_CIPHER_CTX_free>;

[[noreturn]] void crypto_failure(const char* what) {
  throw StoreError(CRT_ERR_GENERAL, std::string(what) + " failed: " + kit::take_openssl_error());
}

int int_size(std::size_t size) {
  if (size > static_cast<std::size_t>(std::numeric_limits<int>::max()))
    throw StoreError(CRT_ERR_ARGUMENTS, "data too large");
  return static_cast<int>(size);
}

// Upper bounds for scrypt parameters read from a file. N=2^20 with r=8 is 1 GiB: far above the
// standard cost (2^15) but still finite.
constexpr std::uint64_t kMaxScryptN = std::uint64_t{1} << 20;
constexpr std::uint32_t kMaxScryptR = 16;
constexpr std::uint32_t kMaxScryptP = 4;
constexpr std::uint64_t kScryptMaxMem = std::uint64_t{1} << 31;

}  // namespace

std::vector<std::uint8_t> random_bytes(std::size_t count) {
  std::vector<std::uint8_t> out(count);
  if (count > 0 && RAND_bytes(out.data(), int_size(count)) != 1) crypto_failure("RAND_bytes");
  return out;
}

Secret random_secret(std::size_t count) {
  Secret out(count);
  if (count > 0 && RAND_priv_bytes(out.data(), int_size(count)) != 1)
    crypto_failure("RAND_priv_bytes");
  return out;
}

bool scrypt_params_acceptable(const ScryptParams& params) {
  const bool n_power_of_two = params.n >= 2 && (params.n & (params.n - 1)) == 0;
  return n_power_of_two && params.n <= kMaxScryptN && params.r >= 1 && params.r <= kMaxScryptR &&
         params.p >= 1 && params.p <= kMaxScryptP && params.salt.size() >= 16 &&
         params.salt.size() <= 64;
}

Secret scrypt_derive(std::span<const std::uint8_t> pin, const ScryptParams& params) {
  if (!scrypt_params_acceptable(params))
    throw StoreError(CRT_ERR_DEVICE, "the token's scrypt parameters are out of bounds");
  Secret key(kAesKeySize);
  if (EVP_PBE_scrypt(reinterpret_cast<const char*>(pin.data()), pin.size(), params.salt.data(),
                     params.salt.size(), params.n, params.r, params.p, kScryptMaxMem, key.data(),
                     key.size()) != 1)
    crypto_failure("scrypt");
  return key;
}

SealedBox gcm_seal(std::span<const std::uint8_t> key, std::span<const std::uint8_t> plaintext,
                   std::span<const std::uint8_t> aad) {
  if (key.size() != kAesKeySize) throw StoreError(CRT_ERR_GENERAL, "AES key of wrong size");
  SealedBox box;
  box.nonce = random_bytes(kGcmNonceSize);
  box.ciphertext.resize(plaintext.size());
  box.tag.resize(kGcmTagSize);
  CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  int len = 0;
  if (!ctx ||
      EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key.data(), box.nonce.data()) !=
          1 ||
      EVP_EncryptUpdate(ctx.get(), nullptr, &len, aad.data(), int_size(aad.size())) != 1 ||
      EVP_EncryptUpdate(ctx.get(), box.ciphertext.data(), &len, plaintext.data(),
                        int_size(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), box.ciphertext.data() + len, &len) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(kGcmTagSize),
                          box.tag.data()) != 1)
    crypto_failure("AES-GCM encryption");
  return box;
}

std::optional<Secret> gcm_open(std::span<const std::uint8_t> key, const SealedBox& box,
                               std::span<const std::uint8_t> aad) {
  if (key.size() != kAesKeySize) throw StoreError(CRT_ERR_GENERAL, "AES key of wrong size");
  if (box.nonce.size() != kGcmNonceSize || box.tag.size() != kGcmTagSize) return std::nullopt;
  Secret plain(box.ciphertext.size());
  CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  int len = 0;
  // The tag is set before the data; it is checked by EVP_DecryptFinal_ex.
  std::vector<std::uint8_t> tag = box.tag;
  if (!ctx ||
      EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key.data(), box.nonce.data()) !=
          1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(kGcmTagSize),
                          tag.data()) != 1 ||
      EVP_DecryptUpdate(ctx.get(), nullptr, &len, aad.data(), int_size(aad.size())) != 1 ||
      EVP_DecryptUpdate(ctx.get(), plain.data(), &len, box.ciphertext.data(),
                        int_size(box.ciphertext.size())) != 1)
    crypto_failure("AES-GCM decryption");
  int final_len = 0;
  if (EVP_DecryptFinal_ex(ctx.get(), plain.data() + len, &final_len) != 1) {
    kit::take_openssl_error();  // a failed tag is an answer, not an error to report
    return std::nullopt;
  }
  return plain;
}

std::vector<std::uint8_t> sha1(std::span<const std::uint8_t> data) {
  std::vector<std::uint8_t> out(EVP_MAX_MD_SIZE);
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), out.data(), &len, EVP_sha1(), nullptr) != 1)
    crypto_failure("SHA-1");
  out.resize(len);
  return out;
}

}  // namespace certrenew::softtoken
