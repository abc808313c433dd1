#include "raw_signature.hpp"

#include <array>
#include <stdexcept>
#include <string_view>

#include "certrenew/core/openssl_ptr.hpp"
#include "certrenew/core/signer.hpp"

namespace certrenew::bench {

namespace {

// OpenSSL 3.0 loads SM2 keys from certificates as EC keys on the SM2 curve; both sign as SM2.
bool is_sm2(EVP_PKEY* key) {
  if (EVP_PKEY_is_a(key, "SM2")) return true;
  std::array<char, 64> group{};
  std::size_t length = 0;
  return EVP_PKEY_is_a(key, "EC") &&
         EVP_PKEY_get_group_name(key, group.data(), group.size(), &length) == 1 &&
         std::string_view(group.data(), length) == "SM2";
}

// A digest context for one operation; the SM2 ID goes on the key context it creates.
ossl::EvpMdCtxPtr start(EVP_PKEY* key, bool for_signing) {
  ossl::EvpMdCtxPtr context(EVP_MD_CTX_new());
  if (context == nullptr) throw std::runtime_error("EVP_MD_CTX_new failed");
  EVP_PKEY_CTX* key_context = nullptr;  // owned by `context`
  const bool sm2 = is_sm2(key);
  const EVP_MD* digest = sm2 ? EVP_sm3() : EVP_sha256();
  const int started = for_signing
                          ? EVP_DigestSignInit(context.get(), &key_context, digest, nullptr, key)
                          : EVP_DigestVerifyInit(context.get(), &key_context, digest, nullptr, key);
  if (started != 1) throw std::runtime_error("EVP_Digest{Sign,Verify}Init failed");
  if (sm2 && EVP_PKEY_CTX_set1_id(key_context, kDefaultSm2SignerId.data(),
                                  kDefaultSm2SignerId.size()) != 1)
    throw std::runtime_error("EVP_PKEY_CTX_set1_id failed");
  return context;
}

}  // namespace

Bytes raw_sign(EVP_PKEY* key, ByteView message) {
  const ossl::EvpMdCtxPtr context = start(key, true);
  std::size_t length = 0;
  if (EVP_DigestSign(context.get(), nullptr, &length, message.data(), message.size()) != 1)
    throw std::runtime_error("EVP_DigestSign (size) failed");
  Bytes signature(length);
  if (EVP_DigestSign(context.get(), signature.data(), &length, message.data(), message.size()) != 1)
    throw std::runtime_error("EVP_DigestSign failed");
  signature.resize(length);
  return signature;
}

bool raw_verify(EVP_PKEY* key, ByteView message, ByteView signature) {
  const ossl::EvpMdCtxPtr context = start(key, false);
  return EVP_DigestVerify(context.get(), signature.data(), signature.size(), message.data(),
                          message.size()) == 1;
}

}  // namespace certrenew::bench
