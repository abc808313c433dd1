#pragma once
// Owning pointers for the OpenSSL objects the pki code creates, so every early return and
// exception frees them.

#include <openssl/asn1.h>
#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/pkcs7.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <memory>

#include "certrenew/core/openssl_ptr.hpp"

namespace certrenew::pki::detail {

template <typename T, void (*Free)(T*)>
using OpenSslPtr = ossl::Ptr<T, Free>;

using ossl::Asn1BitStringPtr;
using ossl::Asn1ObjectPtr;
using ossl::Asn1OctetStringPtr;
using ossl::Asn1TimePtr;
using ossl::Asn1TypePtr;
using ossl::CmsContentInfoPtr;
using ossl::EvpMdCtxPtr;
using ossl::EvpPkeyCtxPtr;
using ossl::EvpPkeyPtr;
using ossl::ExtendedKeyUsagePtr;
using ossl::GeneralNamesPtr;
using ossl::Pkcs7Ptr;
using ossl::Pkcs7SignedPtr;
using ossl::Pkcs7SignerInfoPtr;
using ossl::X509AlgorPtr;
using ossl::X509ExtensionPtr;
using ossl::X509NamePtr;
using ossl::X509Ptr;
using ossl::X509ReqPtr;
using ossl::X509StoreCtxPtr;
using ossl::X509StorePtr;

// A stack that owns its elements.
struct X509StackFree {
  void operator()(STACK_OF(X509) * s) const { sk_X509_pop_free(s, X509_free); }
};
using X509StackPtr = std::unique_ptr<STACK_OF(X509), X509StackFree>;

// A stack of certificates that only borrows them.
struct X509StackViewFree {
  void operator()(STACK_OF(X509) * s) const { sk_X509_free(s); }
};
using X509StackView = std::unique_ptr<STACK_OF(X509), X509StackViewFree>;

// A stack that owns its extensions.
struct X509ExtensionStackFree {
  void operator()(STACK_OF(X509_EXTENSION) * s) const {
    sk_X509_EXTENSION_pop_free(s, X509_EXTENSION_free);
  }
};
using X509ExtensionStackPtr = std::unique_ptr<STACK_OF(X509_EXTENSION), X509ExtensionStackFree>;

// A stack that only borrows its elements (they belong to a structure that outlives it).
struct X509AttributeViewFree {
  void operator()(STACK_OF(X509_ATTRIBUTE) * s) const { sk_X509_ATTRIBUTE_free(s); }
};
using X509AttributeView = std::unique_ptr<STACK_OF(X509_ATTRIBUTE), X509AttributeViewFree>;

}  // namespace certrenew::pki::detail
