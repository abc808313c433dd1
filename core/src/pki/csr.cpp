// PKCS#10 with a key OpenSSL does not hold: OpenSSL builds and encodes the request, the Signer
// signs the DER CertificationRequestInfo, and the signature is put in afterwards.
#include "certrenew/core/pki/csr.hpp"

#include <openssl/objects.h>

#include <array>
#include <optional>
#include <utility>

#include "certrenew/core/lookup_table.hpp"
#include "pki/algorithms.hpp"
#include "pki/der.hpp"
#include "pki/openssl_error.hpp"
#include "pki/openssl_types.hpp"
#include "pki/signer_key.hpp"

namespace certrenew::pki {
namespace {
using namespace detail;

// The signatureAlgorithm OID of each algorithm (SM2-with-SM3 is 1.2.156.10197.1.501).
constexpr auto kSignatureNids = std::to_array<std::pair<SignatureAlgorithm, int>>({
    {SignatureAlgorithm::rsa_pkcs1_sha256, NID_sha256WithRSAEncryption},
    {SignatureAlgorithm::ecdsa_p256_sha256, NID_ecdsa_with_SHA256},
    {SignatureAlgorithm::sm2_sm3, NID_SM2_with_SM3},
});

X509AlgorPtr signature_algorithm_identifier(SignatureAlgorithm algorithm) {
  X509AlgorPtr identifier(X509_ALGOR_new());
  require(identifier != nullptr, "X509_ALGOR_new");
  const auto nid = lookup(kSignatureNids, algorithm);
  require(nid.has_value(), "signature algorithm OID");
  // Parameters NULL for RSA, as RFC 4055 requires; absent for ECDSA (RFC 5758) and SM2 (GM/T 0015).
  const int parameter_type =
      algorithm == SignatureAlgorithm::rsa_pkcs1_sha256 ? V_ASN1_NULL : V_ASN1_UNDEF;
  require(X509_ALGOR_set0(identifier.get(), OBJ_nid2obj(*nid), parameter_type, nullptr) == 1,
          "X509_ALGOR_set0");
  return identifier;
}

void add_general_names(GENERAL_NAMES* names, const std::vector<std::string>& values, int type,
                       std::string_view what) {
  for (const std::string& value : values) {
    bool printable_ascii = !value.empty();
    for (char c : value) printable_ascii = printable_ascii && c > 0x20 && c < 0x7f;
    if (!printable_ascii) {
      fail(PkiErrc::invalid_argument, std::string(what) + " \"" + value + "\" is not plain ASCII");
    }
    OpenSslPtr<ASN1_IA5STRING, ASN1_IA5STRING_free> text(ASN1_IA5STRING_new());
    require(text != nullptr &&
                ASN1_STRING_set(text.get(), value.data(), static_cast<int>(value.size())) == 1,
            "ASN1_STRING_set");
    OpenSslPtr<GENERAL_NAME, GENERAL_NAME_free> name(GENERAL_NAME_new());
    require(name != nullptr, "GENERAL_NAME_new");
    GENERAL_NAME_set0_value(name.get(), type, text.release());
    require(sk_GENERAL_NAME_push(names, name.get()) > 0, "sk_GENERAL_NAME_push");
    name.release();
  }
}

// The subjectAltName the request asks for, as an extensionRequest attribute.
void add_requested_alt_names(X509_REQ* request, const CsrOptions& options) {
  if (options.dns_names.empty() && options.email_addresses.empty()) return;
  GeneralNamesPtr names(GENERAL_NAMES_new());
  require(names != nullptr, "GENERAL_NAMES_new");
  add_general_names(names.get(), options.dns_names, GEN_DNS, "DNS name");
  add_general_names(names.get(), options.email_addresses, GEN_EMAIL, "e-mail address");
  X509ExtensionPtr extension(X509V3_EXT_i2d(NID_subject_alt_name, 0, names.get()));
  require(extension != nullptr, "X509V3_EXT_i2d");
  X509ExtensionStackPtr extensions(sk_X509_EXTENSION_new_null());
  require(extensions != nullptr && sk_X509_EXTENSION_push(extensions.get(), extension.get()) > 0,
          "sk_X509_EXTENSION_push");
  extension.release();
  require(X509_REQ_add_extensions(request, extensions.get()) == 1, "X509_REQ_add_extensions");
}

Bytes build_signed_request(const Signer& signer, const X509_NAME* subject,
                           const CsrOptions& options) {
  if (X509_NAME_entry_count(subject) == 0) {
    fail(PkiErrc::invalid_argument, "the subject is empty");
  }
  const SignerKey key = inspect_signer_key(signer);

  X509ReqPtr request(X509_REQ_new());
  require(request != nullptr, "X509_REQ_new");
  require(X509_REQ_set_version(request.get(), X509_REQ_VERSION_1) == 1, "X509_REQ_set_version");
  require(X509_REQ_set_subject_name(request.get(), subject) == 1, "X509_REQ_set_subject_name");
  set_request_public_key(request.get(), key);
  add_requested_alt_names(request.get(), options);

  // What gets signed is the DER CertificationRequestInfo; i2d_re_ also caches that encoding, so
  // the final i2d_X509_REQ emits exactly the bytes the signer saw.
  unsigned char* info = nullptr;
  const int info_length = i2d_re_X509_REQ_tbs(request.get(), &info);
  require(info_length > 0 && info != nullptr, "i2d_re_X509_REQ_tbs");
  const Bytes to_be_signed(info, info + info_length);
  OPENSSL_free(info);

  const Bytes signature = sign_checked(signer, key, to_be_signed);

  X509AlgorPtr algorithm = signature_algorithm_identifier(signer.algorithm());
  require(X509_REQ_set1_signature_algo(request.get(), algorithm.get()) == 1,
          "X509_REQ_set1_signature_algo");
  Asn1BitStringPtr bits(ASN1_BIT_STRING_new());
  // ASN1_STRING_set copies; ASN1_BIT_STRING_set is the same call with a non-const pointer.
  require(bits != nullptr && ASN1_STRING_set(bits.get(), signature.data(),
                                             static_cast<int>(signature.size())) == 1,
          "ASN1_STRING_set");
  // A signature is whole octets: say "0 unused bits" explicitly, or the encoder would strip
  // trailing zero bits and change the signature.
  bits->flags &= ~(ASN1_STRING_FLAG_BITS_LEFT | 0x07);
  bits->flags |= ASN1_STRING_FLAG_BITS_LEFT;
  X509_REQ_set0_signature(request.get(), bits.release());
  return to_der<X509_REQ>(request.get(), i2d_X509_REQ);
}

std::optional<SignatureAlgorithm> algorithm_of(const X509_REQ* request) {
  const X509_ALGOR* identifier = nullptr;
  X509_REQ_get0_signature(request, nullptr, &identifier);
  const ASN1_OBJECT* object = nullptr;
  X509_ALGOR_get0(&object, nullptr, nullptr, identifier);
  return lookup_key(kSignatureNids, OBJ_obj2nid(object));
}

}  // namespace

Bytes build_csr(const Signer& signer, ByteView subject_der, const CsrOptions& options) {
  X509NamePtr subject = parse_whole<X509_NAME, X509_NAME_free>(subject_der, d2i_X509_NAME);
  if (subject == nullptr) fail(PkiErrc::invalid_argument, "the subject is not a DER Name");
  return build_signed_request(signer, subject.get(), options);
}

Bytes build_csr(const Signer& signer, const std::vector<NameAttribute>& subject,
                const CsrOptions& options) {
  X509NamePtr name(X509_NAME_new());
  require(name != nullptr, "X509_NAME_new");
  for (const NameAttribute& attribute : subject) {
    if (attribute.value.empty()) {
      fail(PkiErrc::invalid_argument, "subject attribute " + attribute.type + " is empty");
    }
    if (X509_NAME_add_entry_by_txt(name.get(), attribute.type.c_str(), MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char*>(attribute.value.data()),
                                   static_cast<int>(attribute.value.size()), -1, 0) != 1) {
      fail(PkiErrc::invalid_argument,
           "subject attribute " + attribute.type + " = \"" + attribute.value + "\" is not valid");
    }
  }
  return build_signed_request(signer, name.get(), options);
}

CsrInfo verify_csr(ByteView der, const CsrVerifyOptions& options) {
  X509ReqPtr request = parse_whole<X509_REQ, X509_REQ_free>(der, d2i_X509_REQ);
  if (request == nullptr) fail(PkiErrc::malformed, "not a DER PKCS#10 request");
  EVP_PKEY* key = X509_REQ_get0_pubkey(request.get());
  if (key == nullptr) fail(PkiErrc::malformed, "the request's public key does not parse");

  const std::optional<SignatureAlgorithm> algorithm = algorithm_of(request.get());
  if (!algorithm) {
    const X509_ALGOR* identifier = nullptr;
    X509_REQ_get0_signature(request.get(), nullptr, &identifier);
    const ASN1_OBJECT* object = nullptr;
    X509_ALGOR_get0(&object, nullptr, nullptr, identifier);
    fail(PkiErrc::unsupported_algorithm, "signature algorithm " + oid_text(object));
  }
  const KeyFamily family = key_family(key);
  if (family == KeyFamily::other) {
    fail(PkiErrc::unsupported_algorithm, "the request's key is not RSA, EC P-256 or SM2");
  }
  if (family != key_family(*algorithm)) {
    fail(PkiErrc::bad_signature, "a " + std::string(describe(family)) + " key cannot make a " +
                                     std::string(describe(*algorithm)) + " signature");
  }
  if (family == KeyFamily::sm2) {
    X509_REQ_set0_distinguishing_id(request.get(), sm2_id(options.sm2_signer_id).release());
  }
  if (X509_REQ_verify(request.get(), key) != 1) {
    take_openssl_errors();
    fail(PkiErrc::bad_signature, "the request's signature does not verify with its own key");
  }

  const X509_NAME* subject = X509_REQ_get_subject_name(request.get());
  CsrInfo info{to_der<X509_NAME>(subject, i2d_X509_NAME), name_text(subject),
               to_der<X509_PUBKEY>(X509_REQ_get_X509_PUBKEY(request.get()), i2d_X509_PUBKEY),
               *algorithm, nullptr};
  require(EVP_PKEY_up_ref(key) == 1, "EVP_PKEY_up_ref");
  info.public_key.reset(key, EVP_PKEY_free);
  return info;
}

}  // namespace certrenew::pki
