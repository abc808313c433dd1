#include "pki/algorithms.hpp"

#include <openssl/ec.h>
#include <openssl/objects.h>

#include <array>
#include <utility>

#include "certrenew/core/ec_group.hpp"
#include "certrenew/core/lookup_table.hpp"
#include "pki/der.hpp"
#include "pki/openssl_error.hpp"

namespace certrenew::pki::detail {
namespace {

// Each signature algorithm and the one key family that signs with it.
constexpr auto kFamilyOfAlgorithm = std::to_array<std::pair<SignatureAlgorithm, KeyFamily>>({
    {SignatureAlgorithm::rsa_pkcs1_sha256, KeyFamily::rsa},
    {SignatureAlgorithm::ecdsa_p256_sha256, KeyFamily::ec_p256},
    {SignatureAlgorithm::sm2_sm3, KeyFamily::sm2},
});

constexpr auto kFamilyWords = std::to_array<std::pair<KeyFamily, std::string_view>>({
    {KeyFamily::rsa, "RSA"},
    {KeyFamily::ec_p256, "EC P-256"},
    {KeyFamily::sm2, "SM2"},
    {KeyFamily::other, "an unsupported key type"},
});

constexpr auto kAlgorithmWords = std::to_array<std::pair<SignatureAlgorithm, std::string_view>>({
    {SignatureAlgorithm::rsa_pkcs1_sha256, "RSA PKCS#1 v1.5 with SHA-256"},
    {SignatureAlgorithm::ecdsa_p256_sha256, "ECDSA P-256 with SHA-256"},
    {SignatureAlgorithm::sm2_sm3, "SM2 with SM3"},
});

}  // namespace

KeyFamily key_family(const EVP_PKEY* key) {
  if (key == nullptr) return KeyFamily::other;
  if (EVP_PKEY_is_a(key, "RSA")) return KeyFamily::rsa;
  if (EVP_PKEY_is_a(key, "SM2")) return KeyFamily::sm2;
  if (EVP_PKEY_is_a(key, "EC")) {
    const std::string group = ossl::ec_group_name(key);
    if (group == "prime256v1" || group == "P-256") return KeyFamily::ec_p256;
    // OpenSSL 3.0 loads SM2 keys as "SM2", but an EC key on the SM2 curve is the same key.
    if (group == "SM2") return KeyFamily::sm2;
  }
  return KeyFamily::other;
}

KeyFamily key_family(SignatureAlgorithm algorithm) {
  return lookup(kFamilyOfAlgorithm, algorithm).value_or(KeyFamily::other);
}

std::string_view describe(KeyFamily family) {
  return lookup(kFamilyWords, family).value_or("an unsupported key type");
}

std::string_view describe(SignatureAlgorithm algorithm) {
  return lookup(kAlgorithmWords, algorithm).value_or("an unknown algorithm");
}

SignatureAlgorithm signature_algorithm(KeyFamily family) {
  if (const auto algorithm = lookup_key(kFamilyOfAlgorithm, family)) return *algorithm;
  fail(PkiErrc::internal, "no signature algorithm for an unsupported key type");
}

const EVP_MD* digest_for(SignatureAlgorithm algorithm) {
  return algorithm == SignatureAlgorithm::sm2_sm3 ? EVP_sm3() : EVP_sha256();
}

Asn1ObjectPtr object_from_oid(const char* dotted) {
  Asn1ObjectPtr object(OBJ_txt2obj(dotted, 1));
  require(object != nullptr, "OBJ_txt2obj");
  return object;
}

bool is_oid(const ASN1_OBJECT* object, const char* dotted) {
  return object != nullptr && oid_text(object) == dotted;
}

std::string oid_text(const ASN1_OBJECT* object) {
  std::array<char, 128> text{};
  const int length = OBJ_obj2txt(text.data(), static_cast<int>(text.size()), object, 1);
  if (length <= 0 || static_cast<std::size_t>(length) >= text.size()) return "?";
  return std::string(text.data(), static_cast<std::size_t>(length));
}

Asn1OctetStringPtr sm2_id(std::string_view id) {
  Asn1OctetStringPtr octets(ASN1_OCTET_STRING_new());
  require(octets != nullptr &&
              ASN1_OCTET_STRING_set(octets.get(), reinterpret_cast<const unsigned char*>(id.data()),
                                    static_cast<int>(id.size())) == 1,
          "SM2 ID");
  return octets;
}

void attach_sm2_id_if_sm2_signed(X509* certificate, std::string_view id) {
  if (X509_get_signature_nid(certificate) != NID_SM2_with_SM3) return;
  X509_set0_distinguishing_id(certificate, sm2_id(id).release());
}

bool verify_signature(EVP_PKEY* key, const EVP_MD* digest, ByteView message, ByteView signature,
                      std::string_view sm2_signer_id) {
  EvpMdCtxPtr context(EVP_MD_CTX_new());
  require(context != nullptr, "EVP_MD_CTX_new");
  EVP_PKEY_CTX* key_context = nullptr;  // owned by `context`
  if (EVP_DigestVerifyInit(context.get(), &key_context, digest, nullptr, key) != 1) {
    take_openssl_errors();
    return false;
  }
  if (key_family(key) == KeyFamily::sm2) {
    require(EVP_PKEY_CTX_set1_id(key_context, sm2_signer_id.data(), sm2_signer_id.size()) == 1,
            "EVP_PKEY_CTX_set1_id");
  }
  const int result = EVP_DigestVerify(context.get(), signature.data(), signature.size(),
                                      message.data(), message.size());
  take_openssl_errors();  // a failed verification leaves reasons we report in our own words
  return result == 1;
}

Bytes digest_of(const EVP_MD* digest, ByteView data) {
  Bytes value(EVP_MAX_MD_SIZE);
  unsigned int length = 0;
  require(EVP_Digest(data.data(), data.size(), value.data(), &length, digest, nullptr) == 1,
          "EVP_Digest");
  value.resize(length);
  return value;
}

}  // namespace certrenew::pki::detail
