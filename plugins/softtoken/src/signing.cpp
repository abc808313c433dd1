#include "signing.hpp"

#include <certrenew/token_driver.h>
#include <certrenew/softtoken/store.hpp>

#include <openssl/evp.h>
#include <openssl/rsa.h>

namespace certrenew::softtoken {

namespace {

[[noreturn]] void sign_failure(const char* what) {
  throw StoreError(CRT_ERR_GENERAL, std::string(what) + " failed: " + kit::take_openssl_error());
}

}  // namespace

std::size_t max_signature_size(const EVP_PKEY* key) {
  const int size = EVP_PKEY_get_size(key);
  if (size <= 0) sign_failure("signature size");
  return static_cast<std::size_t>(size);
}

std::vector<std::uint8_t> sign_message(EVP_PKEY* key, std::uint32_t algorithm,
                                       std::span<const std::uint8_t> signer_id,
                                       std::span<const std::uint8_t> message) {
  // The SM2 context carries the signer ID and must outlive the digest context that borrows it
  // (EVP_MD_CTX_set_pkey_ctx does not take ownership), hence the declaration order.
  kit::EvpPkeyCtxPtr sm2_ctx;
  kit::EvpMdCtxPtr md_ctx(EVP_MD_CTX_new());
  if (!md_ctx) sign_failure("signature setup");

  if (algorithm == CRT_SIG_SM2_SM3) {
    if (signer_id.empty())
      signer_id = {reinterpret_cast<const std::uint8_t*>(kDefaultSm2Id), sizeof kDefaultSm2Id - 1};
    sm2_ctx.reset(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
    if (!sm2_ctx || EVP_PKEY_CTX_set1_id(sm2_ctx.get(), signer_id.data(), signer_id.size()) != 1)
      sign_failure("SM2 signer ID");
    EVP_MD_CTX_set_pkey_ctx(md_ctx.get(), sm2_ctx.get());
    if (EVP_DigestSignInit(md_ctx.get(), nullptr, EVP_sm3(), nullptr, key) != 1)
      sign_failure("SM2 signature setup");
  } else {
    EVP_PKEY_CTX* pkey_ctx = nullptr;  // owned by md_ctx
    if (EVP_DigestSignInit(md_ctx.get(), &pkey_ctx, EVP_sha256(), nullptr, key) != 1)
      sign_failure("signature setup");
    if (algorithm == CRT_SIG_RSA_PKCS1_SHA256 &&
        EVP_PKEY_CTX_set_rsa_padding(pkey_ctx, RSA_PKCS1_PADDING) != 1)
      sign_failure("RSA padding selection");
  }

  static const std::uint8_t empty_message = 0;
  const std::uint8_t* data = message.empty() ? &empty_message : message.data();
  std::vector<std::uint8_t> signature(max_signature_size(key));
  std::size_t len = signature.size();
  if (EVP_DigestSign(md_ctx.get(), signature.data(), &len, data, message.size()) != 1)
    sign_failure("signing");
  signature.resize(len);
  return signature;
}

}  // namespace certrenew::softtoken
