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

namespace certrenew::pki::detail {

template <typename T, void (*Free)(T*)>
struct OpenSslFree {
  void operator()(T* p) const { Free(p); }
};
template <typename T, void (*Free)(T*)>
using OpenSslPtr = std::unique_ptr<T, OpenSslFree<T, Free>>;

using EvpPkeyPtr = OpenSslPtr<EVP_PKEY, EVP_PKEY_free>;
using EvpPkeyCtxPtr = OpenSslPtr<EVP_PKEY_CTX, EVP_PKEY_CTX_free>;
using EvpMdCtxPtr = OpenSslPtr<EVP_MD_CTX, EVP_MD_CTX_free>;
using X509Ptr = OpenSslPtr<X509, X509_free>;
using X509NamePtr = OpenSslPtr<X509_NAME, X509_NAME_free>;
using X509ReqPtr = OpenSslPtr<X509_REQ, X509_REQ_free>;
using X509AlgorPtr = OpenSslPtr<X509_ALGOR, X509_ALGOR_free>;
using X509ExtensionPtr = OpenSslPtr<X509_EXTENSION, X509_EXTENSION_free>;
using X509StorePtr = OpenSslPtr<X509_STORE, X509_STORE_free>;
using X509StoreCtxPtr = OpenSslPtr<X509_STORE_CTX, X509_STORE_CTX_free>;
using GeneralNamesPtr = OpenSslPtr<GENERAL_NAMES, GENERAL_NAMES_free>;
using ExtendedKeyUsagePtr = OpenSslPtr<EXTENDED_KEY_USAGE, EXTENDED_KEY_USAGE_free>;
using Asn1ObjectPtr = OpenSslPtr<ASN1_OBJECT, ASN1_OBJECT_free>;
using Asn1OctetStringPtr = OpenSslPtr<ASN1_OCTET_STRING, ASN1_OCTET_STRING_free>;
using Asn1BitStringPtr = OpenSslPtr<ASN1_BIT_STRING, ASN1_BIT_STRING_free>;
using Asn1TimePtr = OpenSslPtr<ASN1_TIME, ASN1_TIME_free>;
using Asn1TypePtr = OpenSslPtr<ASN1_TYPE, ASN1_TYPE_free>;
using CmsContentInfoPtr = OpenSslPtr<CMS_ContentInfo, CMS_ContentInfo_free>;
using Pkcs7Ptr = OpenSslPtr<PKCS7, PKCS7_free>;
using Pkcs7SignedPtr = OpenSslPtr<PKCS7_SIGNED, PKCS7_SIGNED_free>;
using Pkcs7SignerInfoPtr = OpenSslPtr<PKCS7_SIGNER_INFO, PKCS7_SIGNER_INFO_free>;

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
