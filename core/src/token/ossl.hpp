#pragma once
// unique_ptr owners for the OpenSSL objects the token host uses, so each is freed on every path.

#include <memory>

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>

namespace certrenew::token::detail {

template <auto Free>
struct OsslFree {
  template <typename T>
  void operator()(T* p) const {
    Free(p);
  }
};

using BignumPtr = std::unique_ptr<BIGNUM, OsslFree<BN_free>>;
using EcGroupPtr = std::unique_ptr<EC_GROUP, OsslFree<EC_GROUP_free>>;
using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, OsslFree<ECDSA_SIG_free>>;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, OsslFree<EVP_PKEY_free>>;
using EvpMdCtxPtr = std::unique_ptr<EVP_MD_CTX, OsslFree<EVP_MD_CTX_free>>;

}  // namespace certrenew::token::detail
