#include "signing.hpp"

#include <certrenew/token_driver.h>
#include <certrenew/softtoken/store.hpp>

#include <openssl/evp.h>
#include <openssl/rsa.h>

namespace certrenew::softtoken {

namespace {

[[noreturn]] void sign_failure(const char* what) {
  throw StoreError(CRT_ERR_GENERAL, std::string(what) + " failed: " + take_openssl_error());
}

const char* key_type_text(std::uint32_t type) {
  switch (type) {
    case CRT_KEY_RSA:
      return "an RSA key";
    case CRT_KEY_EC_P256:
      return "an EC P-256 key";
    case CRT_KEY_SM2:
      return "an SM2 key";
    default:
      return "a key of an unsupported type";
  }
}

}  // namespace

void check_algorithm_fits_key(std::uint32_t algorithm, const KeyKind& key) {
  std::uint32_t needed = 0;
  const char* name = "";
  switch (algorithm) {
    case CRT_SIG_RSA_PKCS1_SHA256:
      needed = CRT_KEY_RSA;
      name = "RSA PKCS#1 SHA-256";
      break;
    case CRT_SIG_ECDSA_P256_SHA256:
      needed = CRT_KEY_EC_P256;
      name = "ECDSA P-256 SHA-256";
      break;
    case CRT_SIG_SM2_SM3:
      needed = CRT_KEY_SM2;
      name = "SM2 with SM3";
      break;
    default:
      throw StoreError(CRT_ERR_NOT_SUPPORTED,
                       "unknown signature algorithm " + std::to_string(algorithm));
  }
  if (key.type != needed)
    throw StoreError(CRT_ERR_ARGUMENTS, std::string(name) + " needs " + key_type_text(needed) +
                                            "; this is " + key_type_text(key.type));
}

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
  EvpPkeyCtxPtr sm2_ctx;
  EvpMdCtxPtr md_ctx(EVP_MD_CTX_new());
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
