#pragma once
// Owning pointers for OpenSSL objects, shared by every part of the project that links core, so
// each object is freed on every path (exceptions included) and the deleters are written once:
// the deleter is the SDK driver kit's (core builds on the SDK; drivers see only the kit).

#include <certrenew/driver_kit/openssl.hpp>

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/cms.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pkcs7.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <memory>

namespace certrenew::ossl {

template <auto Free>
using Deleter = driver_kit::OpenSslDeleter<Free>;
template <typename T, auto Free>
using Ptr = driver_kit::OpenSslPtr<T, Free>;

using driver_kit::EvpMdCtxPtr, driver_kit::EvpPkeyCtxPtr, driver_kit::EvpPkeyPtr,
    driver_kit::X509Ptr;
using BioPtr = Ptr<BIO, BIO_free>;
using BignumPtr = Ptr<BIGNUM, BN_free>;
using EcGroupPtr = Ptr<EC_GROUP, EC_GROUP_free>;
using EcdsaSigPtr = Ptr<ECDSA_SIG, ECDSA_SIG_free>;
using X509NamePtr = Ptr<X509_NAME, X509_NAME_free>;
using X509ReqPtr = Ptr<X509_REQ, X509_REQ_free>;
using X509AlgorPtr = Ptr<X509_ALGOR, X509_ALGOR_free>;
using X509ExtensionPtr = Ptr<X509_EXTENSION, X509_EXTENSION_free>;
using X509StorePtr = Ptr<X509_STORE, X509_STORE_free>;
using X509StoreCtxPtr = Ptr<X509_STORE_CTX, X509_STORE_CTX_free>;
using GeneralNamesPtr = Ptr<GENERAL_NAMES, GENERAL_NAMES_free>;
using ExtendedKeyUsagePtr = Ptr<EXTENDED_KEY_USAGE, EXTENDED_KEY_USAGE_free>;
using Asn1ObjectPtr = Ptr<ASN1_OBJECT, ASN1_OBJECT_free>;
using Asn1IntegerPtr = Ptr<ASN1_INTEGER, ASN1_INTEGER_free>;
using Asn1OctetStringPtr = Ptr<ASN1_OCTET_STRING, ASN1_OCTET_STRING_free>;
using Asn1BitStringPtr = Ptr<ASN1_BIT_STRING, ASN1_BIT_STRING_free>;
using Asn1TimePtr = Ptr<ASN1_TIME, ASN1_TIME_free>;
using Asn1TypePtr = Ptr<ASN1_TYPE, ASN1_TYPE_free>;
using CmsContentInfoPtr = Ptr<CMS_ContentInfo, CMS_ContentInfo_free>;
using Pkcs7Ptr = Ptr<PKCS7, PKCS7_free>;
using Pkcs7SignedPtr = Ptr<PKCS7_SIGNED, PKCS7_SIGNED_free>;
using Pkcs7SignerInfoPtr = Ptr<PKCS7_SIGNER_INFO, PKCS7_SIGNER_INFO_free>;

// OPENSSL_free is a macro; this gives it an address.
inline void free_openssl_memory(void* p) {
  OPENSSL_free(p);
}
using MemoryPtr = std::unique_ptr<void, Deleter<free_openssl_memory>>;

}  // namespace certrenew::ossl
