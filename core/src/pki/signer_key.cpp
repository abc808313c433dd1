#include "pki/signer_key.hpp"

#include "certrenew/core/pki/public_key_info.hpp"

#include <openssl/asn1t.h>
#include <openssl/ec.h>
#include <openssl/objects.h>

#include <algorithm>
#include <array>
#include <climits>
#include <string>
#include <utility>

#include "certrenew/core/lookup_table.hpp"
#include "pki/der.hpp"
#include "pki/openssl_error.hpp"

namespace certrenew::pki::detail {

struct SpkiFields {
  X509_ALGOR* algorithm;
  ASN1_BIT_STRING* public_key;
};

// RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } (RFC 8017)
struct RsaPublicKeyFields {
  ASN1_INTEGER* modulus;
  ASN1_INTEGER* exponent;
};

// Defined with OpenSSL's ASN.1 macros at the end of the file.
DECLARE_ASN1_ITEM(SpkiFields)
DECLARE_ASN1_ITEM(RsaPublicKeyFields)

namespace {
template <typename T>
struct ItemFree {
  const ASN1_ITEM* (*item)();
  void operator()(T* value) const { ASN1_item_free(reinterpret_cast<ASN1_VALUE*>(value), item()); }
};

// Decodes all of `der` as the item; null when it does not parse or bytes are left over.
template <typename T>
std::unique_ptr<T, ItemFree<T>> decode(const unsigned char* der, std::size_t length,
                                       const ASN1_ITEM* (*item)()) {
  std::unique_ptr<T, ItemFree<T>> value(nullptr, ItemFree<T>{item});
  if (length == 0 || length > static_cast<std::size_t>(LONG_MAX)) return value;
  const unsigned char* in = der;
  value.reset(reinterpret_cast<T*>(ASN1_item_d2i(nullptr, &in, static_cast<long>(length), item())));
  if (value != nullptr && in != der + length) value.reset();
  if (value == nullptr) take_openssl_errors();
  return value;
}

// The named curves of an id-ecPublicKey key this code signs with.
constexpr auto kNamedCurveFamilies = std::to_array<std::pair<int, KeyFamily>>({
    {NID_X9_62_prime256v1, KeyFamily::ec_p256},
    {NID_sm2, KeyFamily::sm2},
});

KeyFamily family_of(const SpkiFields& fields) {
  const ASN1_OBJECT* algorithm = nullptr;
  int parameter_type = V_ASN1_UNDEF;
  const void* parameter = nullptr;
  X509_ALGOR_get0(&algorithm, &parameter_type, &parameter, fields.algorithm);
  switch (OBJ_obj2nid(algorithm)) {
    case NID_rsaEncryption:
      return KeyFamily::rsa;
    case NID_sm2:
      return KeyFamily::sm2;  // SM2 keys are sometimes labelled with the curve OID
    case NID_X9_62_id_ecPublicKey:
      break;
    default:
      return KeyFamily::other;
  }
  if (parameter_type != V_ASN1_OBJECT) return KeyFamily::other;  // explicit curves: refused
  return lookup(kNamedCurveFamilies, OBJ_obj2nid(static_cast<const ASN1_OBJECT*>(parameter)))
      .value_or(KeyFamily::other);
}

std::size_t rsa_modulus_bytes(const ASN1_BIT_STRING* public_key) {
  auto rsa = decode<RsaPublicKeyFields>(ASN1_STRING_get0_data(public_key),
                                        static_cast<std::size_t>(ASN1_STRING_length(public_key)),
                                        RsaPublicKeyFields_it);
  if (rsa == nullptr || ASN1_STRING_type(rsa->modulus) != V_ASN1_INTEGER) return 0;
  // OpenSSL keeps INTEGER magnitudes without the leading zero octet of the DER form.
  return static_cast<std::size_t>(ASN1_STRING_length(rsa->modulus));
}

// A deep copy of an AlgorithmIdentifier's parameter, in the form X509_PUBKEY_set0_param takes.
void* copy_parameter(int type, const void* parameter) {
  if (parameter == nullptr) return nullptr;
  if (type == V_ASN1_OBJECT) return OBJ_dup(static_cast<const ASN1_OBJECT*>(parameter));
  return ASN1_STRING_dup(static_cast<const ASN1_STRING*>(parameter));
}

}  // namespace

void SpkiFieldsFree::operator()(SpkiFields* fields) const {
  ASN1_item_free(reinterpret_cast<ASN1_VALUE*>(fields), ASN1_ITEM_rptr(SpkiFields));
}

SignerKey inspect_signer_key(const Signer& signer) {
  SignerKey key;
  key.spki_der = signer.public_key_spki();
  auto fields = decode<SpkiFields>(key.spki_der.data(), key.spki_der.size(), SpkiFields_it);
  if (fields == nullptr) {
    fail(PkiErrc::key_mismatch, "the signer's public key is not a DER SubjectPublicKeyInfo");
  }
  key.fields.reset(fields.release());
  key.family = family_of(*key.fields);
  if (key.family == KeyFamily::rsa) {
    key.rsa_modulus_bytes = rsa_modulus_bytes(key.fields->public_key);
    if (key.rsa_modulus_bytes == 0) fail(PkiErrc::key_mismatch, "the RSA public key is malformed");
  }
  if (key.family != key_family(signer.algorithm())) {
    fail(PkiErrc::key_mismatch, "the signer signs with " +
                                    std::string(describe(signer.algorithm())) +
                                    " but its public key is " + std::string(describe(key.family)));
  }
  return key;
}

namespace {

// Copies the fields into `target` (X509_PUBKEY_set0_param owns the copies once it succeeds).
void set_public_key_fields(X509_PUBKEY* target, const SpkiFields& fields) {
  const ASN1_OBJECT* algorithm = nullptr;
  int parameter_type = V_ASN1_UNDEF;
  const void* parameter = nullptr;
  X509_ALGOR_get0(&algorithm, &parameter_type, &parameter, fields.algorithm);

  Asn1ObjectPtr algorithm_copy(OBJ_dup(algorithm));
  void* parameter_copy = copy_parameter(parameter_type, parameter);
  const int bits_length = ASN1_STRING_length(fields.public_key);
  auto* bits = static_cast<unsigned char*>(OPENSSL_malloc(bits_length > 0 ? bits_length : 1));
  const bool copied = algorithm_copy != nullptr && bits != nullptr &&
                      (parameter == nullptr || parameter_copy != nullptr);
  if (copied) {
    std::copy_n(ASN1_STRING_get0_data(fields.public_key), bits_length, bits);
  }
  if (!copied || X509_PUBKEY_set0_param(target, algorithm_copy.get(), parameter_type,
                                        parameter_copy, bits, bits_length) != 1) {
    OPENSSL_free(bits);
    if (parameter_type == V_ASN1_OBJECT) {
      ASN1_OBJECT_free(static_cast<ASN1_OBJECT*>(parameter_copy));
    } else {
      ASN1_STRING_free(static_cast<ASN1_STRING*>(parameter_copy));
    }
    fail(PkiErrc::internal, "X509_PUBKEY_set0_param");
  }
  algorithm_copy.release();
}

// A new, empty item (its required fields allocated); throws when out of memory.
template <typename T>
std::unique_ptr<T, ItemFree<T>> new_item(const ASN1_ITEM* (*item)()) {
  std::unique_ptr<T, ItemFree<T>> value(reinterpret_cast<T*>(ASN1_item_new(item())),
                                        ItemFree<T>{item});
  if (value == nullptr) fail(PkiErrc::internal, "ASN1_item_new");
  return value;
}

template <typename T>
Bytes encode(const T* value, const ASN1_ITEM* (*item)()) {
  return item_to_der(reinterpret_cast<const ASN1_VALUE*>(value), item());
}

// An INTEGER from big-endian unsigned bytes.
void set_unsigned(ASN1_INTEGER* target, ByteView bytes) {
  OpenSslPtr<BIGNUM, BN_free> number(
      BN_bin2bn(bytes.data(), static_cast<int>(bytes.size()), nullptr));
  if (number == nullptr || BN_to_ASN1_INTEGER(number.get(), target) == nullptr)
    fail(PkiErrc::internal, "BN_to_ASN1_INTEGER");
}

// SubjectPublicKeyInfo { algorithm { `algorithm_nid`, parameter }, BIT STRING `key` }.
// `parameter`: a static object from OBJ_nid2obj, or null.
Bytes public_key_info(int algorithm_nid, int parameter_type, ASN1_OBJECT* parameter, ByteView key) {
  if (key.size() > static_cast<std::size_t>(INT_MAX))
    fail(PkiErrc::invalid_argument, "the public key is too long");
  auto fields = new_item<SpkiFields>(SpkiFields_it);
  if (X509_ALGOR_set0(fields->algorithm, OBJ_nid2obj(algorithm_nid), parameter_type, parameter) !=
          1 ||
      ASN1_BIT_STRING_set(fields->public_key, const_cast<unsigned char*>(key.data()),
                          static_cast<int>(key.size())) != 1)
    fail(PkiErrc::internal, "cannot fill a SubjectPublicKeyInfo");
  // A key is whole bytes: no unused bits, whatever its last byte's trailing zeros (without the
  // flag, i2d would count those as unused).
  fields->public_key->flags &= ~(ASN1_STRING_FLAG_BITS_LEFT | 0x07);
  fields->public_key->flags |= ASN1_STRING_FLAG_BITS_LEFT;
  return encode(fields.get(), SpkiFields_it);
}

}  // namespace

void set_request_public_key(X509_REQ* request, const SignerKey& key) {
  set_public_key_fields(X509_REQ_get_X509_PUBKEY(request), *key.fields);
}

Bytes sign_checked(const Signer& signer, const SignerKey& key, ByteView message) {
  Bytes signature = signer.sign(message);
  if (signature.empty()) fail(PkiErrc::signer_failed, "the signer returned an empty signature");
  if (key.family == KeyFamily::rsa) {
    if (signature.size() != key.rsa_modulus_bytes) {
      fail(PkiErrc::signer_failed, "the RSA signature has " + std::to_string(signature.size()) +
                                       " bytes, the modulus " +
                                       std::to_string(key.rsa_modulus_bytes));
    }
    return signature;
  }
  const unsigned char* in = signature.data();
  OpenSslPtr<ECDSA_SIG, ECDSA_SIG_free> parsed(
      d2i_ECDSA_SIG(nullptr, &in, static_cast<long>(signature.size())));
  if (parsed == nullptr || in != signature.data() + signature.size()) {
    take_openssl_errors();
    fail(PkiErrc::signer_failed, "the signature is not a DER SEQUENCE{r, s}");
  }
  return signature;
}

// The templates, last in the file: clang-format cannot follow OpenSSL's ASN.1 macros.
// clang-format off
ASN1_SEQUENCE(SpkiFields) = {
  ASN1_SIMPLE(SpkiFields, algorithm, X509_ALGOR),
  ASN1_SIMPLE(SpkiFields, public_key, ASN1_BIT_STRING)
} ASN1_SEQUENCE_END(SpkiFields)

ASN1_SEQUENCE(RsaPublicKeyFields) = {
  ASN1_SIMPLE(RsaPublicKeyFields, modulus, ASN1_INTEGER),
  ASN1_SIMPLE(RsaPublicKeyFields, exponent, ASN1_INTEGER)
} ASN1_SEQUENCE_END(RsaPublicKeyFields)

}  // namespace certrenew::pki::detail

namespace certrenew::pki {

void set_public_key_info(X509_PUBKEY* target, ByteView spki_der) {
  auto fields =
      detail::decode<detail::SpkiFields>(spki_der.data(), spki_der.size(), detail::SpkiFields_it);
  if (fields == nullptr)
    detail::fail(PkiErrc::invalid_argument, "the public key is not a DER SubjectPublicKeyInfo");
  detail::set_public_key_fields(target, *fields);
}

Bytes ec_public_key_info(int curve_nid, ByteView point) {
  ASN1_OBJECT* curve = OBJ_nid2obj(curve_nid);
  if (point.empty() || curve == nullptr || OBJ_length(curve) == 0)
    detail::fail(PkiErrc::invalid_argument, "an EC public key needs a named curve and a point");
  return detail::public_key_info(NID_X9_62_id_ecPublicKey, V_ASN1_OBJECT, curve, point);
}

Bytes rsa_public_key_info(ByteView modulus, ByteView exponent) {
  if (modulus.empty() || exponent.empty())
    detail::fail(PkiErrc::invalid_argument, "an RSA public key needs a modulus and an exponent");
  auto numbers = detail::new_item<detail::RsaPublicKeyFields>(detail::RsaPublicKeyFields_it);
  detail::set_unsigned(numbers->modulus, modulus);
  detail::set_unsigned(numbers->exponent, exponent);
  const Bytes key = detail::encode(numbers.get(), detail::RsaPublicKeyFields_it);
  return detail::public_key_info(NID_rsaEncryption, V_ASN1_NULL, nullptr, key);
}

}  // namespace certrenew::pki
// clang-format on
