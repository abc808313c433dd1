#pragma once
// The two SignedData encodings behind build_signed_data / verify_signed_data: RFC 5652 CMS made
// with OpenSSL's CMS API, and GM/T 0010 made with OpenSSL's PKCS7 structures. Readers reduce
// both to SignedDataParts so one verifier checks either.

#include <optional>
#include <vector>

#include "certrenew/core/pki/signed_data.hpp"
#include "pki/asn1_time.hpp"
#include "pki/gmt0010_asn1.hpp"
#include "pki/openssl_types.hpp"
#include "pki/signer_key.hpp"

namespace certrenew::pki::detail {

// What the builders need, already checked: the signer's key matches the certificate.
struct SignedDataInput {
  const Signer& signer;
  const SignerKey& signer_key;
  EVP_PKEY* key;  // the certificate's public key (CMS_add1_signer wants it)
  X509* certificate;
  ByteView content;
  const SignedDataOptions& options;
  TimePoint signing_time;
};

Bytes build_cms_signed_data(const SignedDataInput& input);      // RSA, ECDSA
Bytes build_gmt0010_signed_data(const SignedDataInput& input);  // SM2

// Borrowed views into a parsed SignedData; the owners at the end keep them alive. Only the first
// SignerInfo is described (the verifier refuses more than one).
struct SignedDataParts {
  SignedDataFormat format = SignedDataFormat::cms;
  const ASN1_OBJECT* content_type = nullptr;  // eContentType / contentInfo.contentType
  std::optional<Bytes> content;               // nullopt: detached
  std::vector<X509*> certificates;
  int signer_count = 0;
  const X509_NAME* issuer = nullptr;  // issuerAndSerialNumber, or
  const ASN1_INTEGER* serial = nullptr;
  const ASN1_OCTET_STRING* key_id = nullptr;  // subjectKeyIdentifier (CMS v3)
  const X509_ALGOR* digest_algorithm = nullptr;
  const X509_ALGOR* signature_algorithm = nullptr;
  const ASN1_OCTET_STRING* signature = nullptr;
  X509AttributeView signed_attributes;  // null when the SignerInfo has none

  CmsContentInfoPtr cms;
  X509StackPtr cms_certificates;
  GmtSignedContentInfoPtr gmt;
};

SignedDataParts read_cms_parts(CmsContentInfoPtr cms);
SignedDataParts read_gmt0010_parts(GmtSignedContentInfoPtr gmt);

}  // namespace certrenew::pki::detail
