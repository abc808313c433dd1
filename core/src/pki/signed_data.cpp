#include "certrenew/core/pki/signed_data.hpp"

#include <openssl/cms.h>
#include <openssl/objects.h>

#include <algorithm>
#include <climits>

#include "pki/algorithms.hpp"
#include "pki/chain.hpp"
#include "pki/der.hpp"
#include "pki/openssl_error.hpp"
#include "pki/signed_attributes.hpp"
#include "pki/signed_data_formats.hpp"
#include "pki/signer_key.hpp"

namespace certrenew::pki {
namespace {
using namespace detail;

SignedDataParts read_parts(ByteView der) {
  // OpenSSL's CMS parser reads any ContentInfo: a type it does not know (GM/T's) stays opaque,
  // and then our GM/T template reads the same bytes.
  CmsContentInfoPtr cms =
      parse_whole<CMS_ContentInfo, CMS_ContentInfo_free>(der, d2i_CMS_ContentInfo);
  if (cms == nullptr) fail(PkiErrc::malformed, "not a DER ContentInfo");
  const ASN1_OBJECT* type = CMS_get0_type(cms.get());
  if (OBJ_obj2nid(type) == NID_pkcs7_signed) return read_cms_parts(std::move(cms));
  if (is_oid(type, kGmtSignedDataOid)) {
    GmtSignedContentInfoPtr gmt = decode_gmt_signed_content_info(der);
    if (gmt == nullptr) fail(PkiErrc::malformed, "not a GM/T 0010 SignedData");
    return read_gmt0010_parts(std::move(gmt));
  }
  fail(PkiErrc::malformed, "content type " + oid_text(type) + " is not SignedData");
}

bool is_data_type(const ASN1_OBJECT* type, SignedDataFormat format) {
  if (OBJ_obj2nid(type) == NID_pkcs7_data) return true;
  return format == SignedDataFormat::gmt0010 && is_oid(type, kGmtDataOid);
}

Bytes content_to_check(const SignedDataParts& parts, const SignedDataVerifyOptions& options) {
  if (parts.content) {
    if (options.detached_content) {
      fail(PkiErrc::invalid_argument, "detached content was given but the message carries its own");
    }
    return *parts.content;
  }
  if (!options.detached_content) {
    fail(PkiErrc::content_missing, "the SignedData is detached and no content was supplied");
  }
  return *options.detached_content;
}

// The digest the SignerInfo names, which must be the one that goes with the signer's key.
const EVP_MD* digest_algorithm(const SignedDataParts& parts) {
  const ASN1_OBJECT* object = nullptr;
  X509_ALGOR_get0(&object, nullptr, nullptr, parts.digest_algorithm);
  switch (OBJ_obj2nid(object)) {
    case NID_sha256:
      return EVP_sha256();
    case NID_sm3:
      return EVP_sm3();
    default:
      fail(PkiErrc::unsupported_algorithm, "digest algorithm " + oid_text(object));
  }
}

// The key family a signatureAlgorithm (CMS) / digestEncryptionAlgorithm (GM/T) is for.
KeyFamily signature_family(const X509_ALGOR* algorithm) {
  const ASN1_OBJECT* object = nullptr;
  X509_ALGOR_get0(&object, nullptr, nullptr, algorithm);
  switch (OBJ_obj2nid(object)) {
    case NID_rsaEncryption:
    case NID_sha256WithRSAEncryption:
      return KeyFamily::rsa;
    case NID_ecdsa_with_SHA256:
    case NID_X9_62_id_ecPublicKey:
      return KeyFamily::ec_p256;
    case NID_SM2_with_SM3:
      return KeyFamily::sm2;
    default:
      break;
  }
  if (is_oid(object, kSm2SignOid) || is_oid(object, kSm2KeyOid)) return KeyFamily::sm2;
  fail(PkiErrc::unsupported_algorithm, "signature algorithm " + oid_text(object));
}

bool is_signer(const SignedDataParts& parts, X509* certificate) {
  if (parts.issuer != nullptr && parts.serial != nullptr) {
    return X509_NAME_cmp(X509_get_issuer_name(certificate), parts.issuer) == 0 &&
           ASN1_INTEGER_cmp(X509_get0_serialNumber(certificate), parts.serial) == 0;
  }
  const ASN1_OCTET_STRING* key_id = X509_get0_subject_key_id(certificate);
  return parts.key_id != nullptr && key_id != nullptr &&
         ASN1_OCTET_STRING_cmp(key_id, parts.key_id) == 0;
}

X509* find_signer(const SignedDataParts& parts, const std::vector<X509Ptr>& known) {
  for (X509* certificate : parts.certificates) {
    if (is_signer(parts, certificate)) return certificate;
  }
  for (const X509Ptr& certificate : known) {
    if (is_signer(parts, certificate.get())) return certificate.get();
  }
  fail(PkiErrc::signer_certificate_missing,
       parts.issuer != nullptr
           ? "no certificate with issuer " + name_text(parts.issuer) + " and the signer's serial"
           : "no certificate with the signer's key identifier");
}

void check_content_type(const SignedDataParts& parts) {
  const ASN1_TYPE* value =
      single_valued_attribute(parts.signed_attributes.get(), NID_pkcs9_contentType, "contentType");
  if (value == nullptr) fail(PkiErrc::malformed, "the contentType attribute is missing");
  if (value->type != V_ASN1_OBJECT || OBJ_cmp(value->value.object, parts.content_type) != 0) {
    fail(PkiErrc::malformed, "the contentType attribute does not match the content");
  }
}

void check_message_digest(const SignedDataParts& parts, const EVP_MD* digest, ByteView content) {
  const ASN1_TYPE* value = single_valued_attribute(parts.signed_attributes.get(),
                                                   NID_pkcs9_messageDigest, "messageDigest");
  if (value == nullptr) fail(PkiErrc::malformed, "the messageDigest attribute is missing");
  if (value->type != V_ASN1_OCTET_STRING) {
    fail(PkiErrc::malformed, "the messageDigest attribute is not an OCTET STRING");
  }
  if (bytes_of(value->value.octet_string) != digest_of(digest, content)) {
    fail(PkiErrc::digest_mismatch, "the content's digest differs from the signed messageDigest");
  }
}

std::optional<TimePoint> signing_time(const SignedDataParts& parts) {
  const ASN1_TYPE* value =
      single_valued_attribute(parts.signed_attributes.get(), NID_pkcs9_signingTime, "signingTime");
  if (value == nullptr) return std::nullopt;
  std::optional<TimePoint> time;
  if (value->type == V_ASN1_UTCTIME || value->type == V_ASN1_GENERALIZEDTIME) {
    time = from_asn1_time(value->value.asn1_string);
  }
  if (!time) fail(PkiErrc::malformed, "the signingTime attribute is not a valid time");
  return time;
}

// Whether the certificate is for the signer's key: the same SPKI bytes, or failing that (another
// encoding of the same key) the same key once both are decoded.
bool same_key(X509* certificate, const SignerKey& signer_key) {
  X509_PUBKEY* certified = X509_get_X509_PUBKEY(certificate);
  if (certified == nullptr) return false;
  if (to_der<X509_PUBKEY>(certified, i2d_X509_PUBKEY) == signer_key.spki_der) return true;
  EvpPkeyPtr signer_public = parse_spki(signer_key.spki_der);
  return signer_public != nullptr &&
         EVP_PKEY_eq(X509_get0_pubkey(certificate), signer_public.get()) == 1;
}

std::vector<X509Ptr> parse_known_certificates(const std::vector<Bytes>& ders) {
  std::vector<X509Ptr> certificates;
  for (std::size_t i = 0; i < ders.size(); ++i) {
    X509Ptr certificate = parse_certificate(ders[i]);
    if (certificate == nullptr) {
      fail(PkiErrc::invalid_argument,
           "known certificate " + std::to_string(i + 1) + " is not a DER certificate");
    }
    certificates.push_back(std::move(certificate));
  }
  return certificates;
}

}  // namespace

Bytes build_signed_data(const Signer& signer, ByteView signer_certificate_der, ByteView content,
                        const SignedDataOptions& options) {
  if (content.size() > static_cast<std::size_t>(INT_MAX)) {
    fail(PkiErrc::invalid_argument, "the content is larger than OpenSSL's 2 GiB limit");
  }
  X509Ptr certificate = parse_certificate(signer_certificate_der);
  if (certificate == nullptr) {
    fail(PkiErrc::invalid_argument, "the signer certificate is not a DER certificate");
  }
  const SignerKey signer_key = inspect_signer_key(signer);
  EVP_PKEY* certified_key = X509_get0_pubkey(certificate.get());
  if (certified_key == nullptr || !same_key(certificate.get(), signer_key)) {
    take_openssl_errors();
    fail(PkiErrc::key_mismatch, "the certificate is not for the signer's key");
  }
  const SignedDataInput input{signer,
                              signer_key,
                              certified_key,
                              certificate.get(),
                              content,
                              options,
                              options.signing_time.value_or(std::chrono::system_clock::now())};
  return signer.algorithm() == SignatureAlgorithm::sm2_sm3 ? build_gmt0010_signed_data(input)
                                                           : build_cms_signed_data(input);
}

VerifiedSignedData verify_signed_data(ByteView der, const SignedDataVerifyOptions& options) {
  const std::vector<X509Ptr> known = parse_known_certificates(options.known_certificates);
  SignedDataParts parts = read_parts(der);
  if (parts.signer_count != 1) {
    fail(PkiErrc::malformed,
         "expected one SignerInfo, found " + std::to_string(std::max(parts.signer_count, 0)));
  }
  if (parts.digest_algorithm == nullptr || parts.signature_algorithm == nullptr ||
      parts.signature == nullptr) {
    fail(PkiErrc::malformed, "the SignerInfo is incomplete");
  }
  if (!is_data_type(parts.content_type, parts.format)) {
    fail(PkiErrc::malformed, "content type " + oid_text(parts.content_type) + " is not data");
  }
  // Without signed attributes the signature would cover the content alone; we never make such
  // messages and do not accept them, so the signing time and content type are always signed.
  if (parts.signed_attributes == nullptr) {
    fail(PkiErrc::malformed, "the SignerInfo has no signed attributes");
  }
  const Bytes content = content_to_check(parts, options);
  const EVP_MD* digest = digest_algorithm(parts);
  check_content_type(parts);
  const std::optional<TimePoint> signed_at = signing_time(parts);
  check_message_digest(parts, digest, content);

  X509* signer = find_signer(parts, known);
  EVP_PKEY* key = X509_get0_pubkey(signer);
  const KeyFamily family = key_family(key);
  if (family == KeyFamily::other) {
    take_openssl_errors();
    fail(PkiErrc::unsupported_algorithm, "the signer's key is not RSA, EC P-256 or SM2");
  }
  const SignatureAlgorithm algorithm = signature_algorithm(family);
  if (signature_family(parts.signature_algorithm) != family ||
      EVP_MD_get_type(digest_for(algorithm)) != EVP_MD_get_type(digest)) {
    fail(PkiErrc::unsupported_algorithm,
         "the SignerInfo's algorithms do not fit a " + std::string(describe(family)) + " signer");
  }
  const Bytes signed_bytes = signed_attributes_as_received(parts.signed_attributes.get());
  if (!verify_signature(key, digest, signed_bytes, bytes_of(parts.signature),
                        options.sm2_signer_id)) {
    fail(PkiErrc::bad_signature, "the signature over the signed attributes does not verify");
  }

  const std::uint32_t key_usage = X509_get_key_usage(signer);
  if ((key_usage & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)) == 0) {
    fail(PkiErrc::certificate_not_for_signing,
         "the signer certificate's keyUsage allows neither digitalSignature nor nonRepudiation");
  }
  if (options.trust) {
    std::vector<X509*> helpers = parts.certificates;
    for (const X509Ptr& certificate : known) helpers.push_back(certificate.get());
    const ChainVerdict verdict = verify_chain(signer, helpers, *options.trust);
    if (!verdict.trusted) fail(PkiErrc::not_trusted, verdict.reason);
  }

  require(X509_up_ref(signer) == 1, "X509_up_ref");
  SharedCertificate shared(signer, X509_free);
  return {content,     to_der<X509>(signer, i2d_X509), std::move(shared), signed_at, algorithm,
          parts.format};
}

}  // namespace certrenew::pki
