// GM/T 0010-2012 SignedData for SM2 keys on a token. OpenSSL 3.0's CMS cannot sign with SM2 and
// does not know the GM/T content-type OIDs, so the message is assembled from OpenSSL's PKCS7
// structures (GM/T 0010 is PKCS#7 v1.5 with Chinese OIDs) inside our GmtSignedContentInfo, and
// encoded by OpenSSL's ASN.1 encoder.
//
// Signature algorithm identifier: sm2-1 (1.2.156.10197.1.301.1). GM/T 0010 names the SM2
// signature algorithm for digestEncryptionAlgorithm and GM/T 0006 gives it this OID, and it is
// what Chinese CA toolkits emit; the digest (SM3) is named separately in digestAlgorithm, so the
// combined SM2-with-SM3 OID would repeat it. The verifier accepts both.
#include <openssl/objects.h>
#include <openssl/pkcs7.h>

#include "pki/algorithms.hpp"
#include "pki/der.hpp"
#include "pki/openssl_error.hpp"
#include "pki/signed_attributes.hpp"
#include "pki/signed_data_formats.hpp"

namespace certrenew::pki::detail {
namespace {

void add_attribute(PKCS7_SIGNER_INFO* info, int nid, int type, const void* value, int length) {
  // X509at_add1_* copies the value, so ownership stays simple whether it succeeds or not.
  require(X509at_add1_attr_by_NID(&info->auth_attr, nid, type,
                                  static_cast<const unsigned char*>(value), length) != nullptr,
          "signed attribute");
}

// contentInfo of the SignedData: GM/T data type, content [0] EXPLICIT OCTET STRING unless detached.
void set_inner_content(PKCS7_SIGNED* signed_data, const SignedDataInput& input) {
  if (signed_data->contents == nullptr) {
    signed_data->contents = PKCS7_new();
    require(signed_data->contents != nullptr, "PKCS7_new");
  }
  PKCS7* inner = signed_data->contents;
  ASN1_OBJECT_free(inner->type);
  inner->type = object_from_oid(kGmtDataOid).release();
  if (!input.options.include_content) return;
  Asn1OctetStringPtr octets(ASN1_OCTET_STRING_new());
  require(octets != nullptr && ASN1_OCTET_STRING_set(octets.get(), input.content.data(),
                                                     static_cast<int>(input.content.size())) == 1,
          "ASN1_OCTET_STRING_set");
  Asn1TypePtr any(ASN1_TYPE_new());
  require(any != nullptr, "ASN1_TYPE_new");
  ASN1_TYPE_set(any.get(), V_ASN1_OCTET_STRING, octets.release());
  inner->d.other = any.release();
}

Pkcs7SignerInfoPtr new_signer_info(const SignedDataInput& input) {
  Pkcs7SignerInfoPtr info(PKCS7_SIGNER_INFO_new());
  require(info != nullptr, "PKCS7_SIGNER_INFO_new");
  require(ASN1_INTEGER_set(info->version, 1) == 1, "version");
  require(
      X509_NAME_set(&info->issuer_and_serial->issuer, X509_get_issuer_name(input.certificate)) == 1,
      "issuer");
  ASN1_INTEGER* serial = ASN1_INTEGER_dup(X509_get0_serialNumber(input.certificate));
  require(serial != nullptr, "serial");
  ASN1_INTEGER_free(info->issuer_and_serial->serial);
  info->issuer_and_serial->serial = serial;
  X509_ALGOR_set_md(info->digest_alg, EVP_sm3());
  Asn1ObjectPtr sm2_sign = object_from_oid(kSm2SignOid);
  require(X509_ALGOR_set0(info->digest_enc_alg, sm2_sign.get(), V_ASN1_UNDEF, nullptr) == 1,
          "X509_ALGOR_set0");
  sm2_sign.release();

  Asn1ObjectPtr data_type = object_from_oid(kGmtDataOid);
  add_attribute(info.get(), NID_pkcs9_contentType, V_ASN1_OBJECT, data_type.get(), -1);
  Asn1TimePtr time = to_asn1_time(input.signing_time);
  add_attribute(info.get(), NID_pkcs9_signingTime, ASN1_STRING_type(time.get()), time.get(), -1);
  const Bytes digest = digest_of(EVP_sm3(), input.content);
  add_attribute(info.get(), NID_pkcs9_messageDigest, V_ASN1_OCTET_STRING, digest.data(),
                static_cast<int>(digest.size()));
  return info;
}

}  // namespace

Bytes build_gmt0010_signed_data(const SignedDataInput& input) {
  Pkcs7SignedPtr signed_data(PKCS7_SIGNED_new());
  require(signed_data != nullptr, "PKCS7_SIGNED_new");
  require(ASN1_INTEGER_set(signed_data->version, 1) == 1, "version");
  X509AlgorPtr digest_algorithm(X509_ALGOR_new());
  require(digest_algorithm != nullptr, "X509_ALGOR_new");
  X509_ALGOR_set_md(digest_algorithm.get(), EVP_sm3());
  require(sk_X509_ALGOR_push(signed_data->md_algs, digest_algorithm.get()) > 0, "digestAlgorithms");
  digest_algorithm.release();
  set_inner_content(signed_data.get(), input);
  if (input.options.include_signer_certificate) {
    if (signed_data->cert == nullptr) signed_data->cert = sk_X509_new_null();
    require(signed_data->cert != nullptr && X509_up_ref(input.certificate) == 1, "certificates");
    if (sk_X509_push(signed_data->cert, input.certificate) <= 0) {
      X509_free(input.certificate);
      fail(PkiErrc::internal, "certificates");
    }
  }

  Pkcs7SignerInfoPtr info = new_signer_info(input);
  // Sorting the attributes for the signature also leaves them in that order for the encoding.
  const Bytes to_be_signed = signed_attributes_to_sign(info->auth_attr);
  const Bytes signature = sign_checked(input.signer, input.signer_key, to_be_signed);
  require(ASN1_OCTET_STRING_set(info->enc_digest, signature.data(),
                                static_cast<int>(signature.size())) == 1,
          "encryptedDigest");
  require(sk_PKCS7_SIGNER_INFO_push(signed_data->signer_info, info.get()) > 0, "signerInfos");
  info.release();

  GmtSignedContentInfoPtr outer = new_gmt_signed_content_info();
  ASN1_OBJECT_free(outer->content_type);
  outer->content_type = object_from_oid(kGmtSignedDataOid).release();
  PKCS7_SIGNED_free(outer->signed_data);
  outer->signed_data = signed_data.release();
  return encode(*outer);
}

SignedDataParts read_gmt0010_parts(GmtSignedContentInfoPtr gmt) {
  SignedDataParts parts;
  parts.format = SignedDataFormat::gmt0010;
  PKCS7_SIGNED* signed_data = gmt->signed_data;
  if (signed_data == nullptr || signed_data->contents == nullptr) {
    fail(PkiErrc::malformed, "the GM/T 0010 SignedData has no contentInfo");
  }
  const PKCS7* inner = signed_data->contents;
  parts.content_type = inner->type;
  // PKCS7's `d` is a union chosen by the inner type's OID: read only the member that OID selects.
  // The PKCS#7 types other than data decode into structures (d.sign, d.enveloped, ...), not into
  // d.other: content of those types is not an application and is refused before any read.
  const int inner_nid = OBJ_obj2nid(inner->type);
  if (inner_nid == NID_pkcs7_signed || inner_nid == NID_pkcs7_enveloped ||
      inner_nid == NID_pkcs7_signedAndEnveloped || inner_nid == NID_pkcs7_digest ||
      inner_nid == NID_pkcs7_encrypted) {
    fail(PkiErrc::malformed, "the GM/T 0010 SignedData does not carry data content");
  }
  if (inner_nid == NID_pkcs7_data) {
    if (inner->d.data != nullptr) parts.content = bytes_of(inner->d.data);
  } else if (inner->d.other != nullptr) {
    if (inner->d.other->type != V_ASN1_OCTET_STRING) {
      fail(PkiErrc::malformed, "the content is not an OCTET STRING");
    }
    parts.content = bytes_of(inner->d.other->value.octet_string);
  }
  for (int i = 0; i < sk_X509_num(signed_data->cert); ++i) {
    parts.certificates.push_back(sk_X509_value(signed_data->cert, i));
  }
  parts.signer_count = sk_PKCS7_SIGNER_INFO_num(signed_data->signer_info);
  if (parts.signer_count > 0) {
    const PKCS7_SIGNER_INFO* info = sk_PKCS7_SIGNER_INFO_value(signed_data->signer_info, 0);
    parts.issuer = info->issuer_and_serial->issuer;
    parts.serial = info->issuer_and_serial->serial;
    parts.digest_algorithm = info->digest_alg;
    parts.signature_algorithm = info->digest_enc_alg;
    parts.signature = info->enc_digest;
    if (info->auth_attr != nullptr) {
      parts.signed_attributes.reset(sk_X509_ATTRIBUTE_dup(info->auth_attr));
      require(parts.signed_attributes != nullptr, "sk_X509_ATTRIBUTE_dup");
    }
  }
  parts.gmt = std::move(gmt);
  return parts;
}

}  // namespace certrenew::pki::detail
