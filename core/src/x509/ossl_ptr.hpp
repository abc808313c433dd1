#pragma once
// unique_ptr owners for the OpenSSL objects the x509 area uses, so every one is freed on every
// path, exceptions included.

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace certrenew::x509::detail {

template <auto Free>
struct OsslDeleter {
  template <typename T>
  void operator()(T* p) const {
    Free(p);
  }
};

using X509Ptr = std::unique_ptr<X509, OsslDeleter<X509_free>>;
using BioPtr = std::unique_ptr<BIO, OsslDeleter<BIO_free>>;
using BignumPtr = std::unique_ptr<BIGNUM, OsslDeleter<BN_free>>;
using GeneralNamesPtr = std::unique_ptr<GENERAL_NAMES, OsslDeleter<GENERAL_NAMES_free>>;
using EkuPtr = std::unique_ptr<EXTENDED_KEY_USAGE, OsslDeleter<EXTENDED_KEY_USAGE_free>>;

// OPENSSL_free is a macro; this gives it an address.
inline void free_openssl_memory(void* p) {
  OPENSSL_free(p);
}
using OsslMemPtr = std::unique_ptr<void, OsslDeleter<free_openssl_memory>>;

}  // namespace certrenew::x509::detail
