// RFC 5652 SignedData for RSA and ECDSA keys on a token. OpenSSL's CMS API builds the structure
// (CMS_PARTIAL, so it never tries to sign), we add the signed attributes, the Signer signs their
// DER, and the signature goes into the SignerInfo. CMS_final is not used: it would want to sign
// with the key, which OpenSSL does not have.
#include <openssl/cms.h>
#include <openssl/objects.h>

#include "pki/algorithms.hpp"
#include "pki/der.hpp"
#include "pki/openssl_error.hpp"
#include "pki/signed_attributes.hpp"
#include "pki/signed_data_formats.hpp"

namespace certrenew::pki::detail {
namespace {

void put_content(CMS_ContentInfo* cms, ByteView content) {
  require(CMS_set_detached(cms, 0) == 1, "CMS_set_detached");
  ASN1_OCTET_STRING** slot = CMS_get0_content(cms);
  require(slot != nullptr, "CMS_get0_content");
  if (*slot == nullptr) {
    *slot = ASN1_OCTET_STRING_new();
    require(*slot != nullptr, "ASN1_OCTET_STRING_new");
  }
  require(ASN1_OCTET_STRING_set(*slot, content.data(), static_cast<int>(content.size())) == 1,
          "ASN1_OCTET_STRING_set");
  // CMS_set_detached marks the string as "content still to come"; it is complete now.
  (*slot)->flags &= ~ASN1_STRING_FLAG_CONT;
}

void add_signed_attributes(CMS_SignerInfo* info, ByteView content, TimePoint signing_time) {
  require(CMS_signed_add1_attr_by_NID(info, NID_pkcs9_contentType, V_ASN1_OBJECT,
                                      OBJ_nid2obj(NID_pkcs7_data), -1) == 1,
          "contentType attribute");
  Asn1TimePtr time = to_asn1_time(signing_time);
  require(CMS_signed_add1_attr_by_NID(info, NID_pkcs9_signingTime, ASN1_STRING_type(time.get()),
                                      time.get(), -1) == 1,
          "signingTime attribute");
  const Bytes digest = digest_of(EVP_sha256(), content);
  require(CMS_signed_add1_attr_by_NID(info, NID_pkcs9_messageDigest, V_ASN1_OCTET_STRING,
                                      digest.data(), static_cast<int>(digest.size())) == 1,
          "messageDigest attribute");
}

X509AttributeView signed_attributes_of(CMS_SignerInfo* info) {
  const int count = CMS_signed_get_attr_count(info);
  if (count < 0) return {};
  X509AttributeView view(sk_X509_ATTRIBUTE_new_null());
  require(view != nullptr, "sk_X509_ATTRIBUTE_new_null");
  for (int i = 0; i < count; ++i) {
    require(sk_X509_ATTRIBUTE_push(view.get(), CMS_signed_get_attr(info, i)) > 0,
            "sk_X509_ATTRIBUTE_push");
  }
  return view;
}

}  // namespace

Bytes build_cms_signed_data(const SignedDataInput& input) {
  unsigned int flags = CMS_PARTIAL | CMS_BINARY | CMS_NOSMIMECAP;
  if (!input.options.include_signer_certificate) flags |= CMS_NOCERTS;
  CmsContentInfoPtr cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, flags));
  require(cms != nullptr, "CMS_sign");
  // With a public key CMS_add1_signer only fills in the SignerInfo: issuerAndSerialNumber,
  // digest and signature algorithms, and the certificate.
  CMS_SignerInfo* info =
      CMS_add1_signer(cms.get(), input.certificate, input.key, EVP_sha256(), flags);
  require(info != nullptr, "CMS_add1_signer");
  if (input.options.include_content) {
    put_content(cms.get(), input.content);
  } else {
    require(CMS_set_detached(cms.get(), 1) == 1, "CMS_set_detached");
  }
  add_signed_attributes(info, input.content, input.signing_time);

  X509AttributeView attributes = signed_attributes_of(info);
  require(attributes != nullptr, "signed attributes");
  const Bytes to_be_signed = signed_attributes_to_sign(attributes.get());
  const Bytes signature = sign_checked(input.signer, input.signer_key, to_be_signed);
  require(ASN1_STRING_set(CMS_SignerInfo_get0_signature(info), signature.data(),
                          static_cast<int>(signature.size())) == 1,
          "ASN1_STRING_set");
  return to_der<CMS_ContentInfo>(cms.get(), i2d_CMS_ContentInfo);
}

SignedDataParts read_cms_parts(CmsContentInfoPtr cms) {
  SignedDataParts parts;
  parts.format = SignedDataFormat::cms;
  parts.content_type = CMS_get0_eContentType(cms.get());
  if (ASN1_OCTET_STRING** slot = CMS_get0_content(cms.get()); slot != nullptr && *slot != nullptr) {
    parts.content = bytes_of(*slot);
  }
  parts.cms_certificates.reset(CMS_get1_certs(cms.get()));
  for (int i = 0; i < sk_X509_num(parts.cms_certificates.get()); ++i) {
    parts.certificates.push_back(sk_X509_value(parts.cms_certificates.get(), i));
  }
  STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms.get());
  parts.signer_count = sk_CMS_SignerInfo_num(infos);
  if (parts.signer_count > 0) {
    CMS_SignerInfo* info = sk_CMS_SignerInfo_value(infos, 0);
    ASN1_OCTET_STRING* key_id = nullptr;
    X509_NAME* issuer = nullptr;
    ASN1_INTEGER* serial = nullptr;
    CMS_SignerInfo_get0_signer_id(info, &key_id, &issuer, &serial);
    parts.key_id = key_id;
    parts.issuer = issuer;
    parts.serial = serial;
    X509_ALGOR* digest = nullptr;
    X509_ALGOR* signature = nullptr;
    CMS_SignerInfo_get0_algs(info, nullptr, nullptr, &digest, &signature);
    parts.digest_algorithm = digest;
    parts.signature_algorithm = signature;
    parts.signature = CMS_SignerInfo_get0_signature(info);
    parts.signed_attributes = signed_attributes_of(info);
  }
  take_openssl_errors();  // CMS getters leave errors for absent optional parts
  parts.cms = std::move(cms);
  return parts;
}

}  // namespace certrenew::pki::detail
