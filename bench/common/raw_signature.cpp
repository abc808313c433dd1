#include "raw_signature.hpp"

#include <stdexcept>

#include "certrenew/core/ec_group.hpp"
#include "certrenew/core/openssl_ptr.hpp"
#include "certrenew/core/signer.hpp"

namespace certrenew::bench {

namespace {

// A digest context for one operation; the SM2 ID goes on the key context it creates.
ossl::EvpMdCtxPtr start(EVP_PKEY* key, bool for_signing) {
  ossl::EvpMdCtxPtr context(EVP_MD_CTX_new());
  if (context == nullptr) throw std::runtime_error("EVP_MD_CTX_new failed");
  EVP_PKEY_CTX* key_context = nullptr;  // owned by `context`
  const bool sm2 = ossl::is_sm2_key(key);
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
