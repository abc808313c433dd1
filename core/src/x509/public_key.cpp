// The subject public key: which kind (RSA, EC P-256, SM2, other) and how big. OpenSSL 3.0 loads an
// SM2 certificate's key as an EC key on the SM2 curve, so SM2 is recognised by its curve too.

#include <openssl/objects.h>

#include <string_view>

#include "certrenew/core/ec_group.hpp"
#include "x509/decode.hpp"

namespace certrenew::x509::detail {
namespace {

Bytes spki_of(const X509* cert) {
  const X509_PUBKEY* spki = X509_get_X509_PUBKEY(cert);
  unsigned char* der = nullptr;
  const int len = i2d_X509_PUBKEY(spki, &der);
  if (len <= 0) return {};
  OsslMemPtr owner(der);
  return Bytes(der, der + len);
}

}  // namespace

PublicKeyInfo read_public_key(const X509* cert) {
  PublicKeyInfo out;
  out.spki_der = spki_of(cert);
  ASN1_OBJECT* algorithm = nullptr;  // X509_PUBKEY_get0_param hands out a non-const pointer
  if (X509_PUBKEY_get0_param(&algorithm, nullptr, nullptr, nullptr, X509_get_X509_PUBKEY(cert)) ==
          1 &&
      algorithm != nullptr) {
    out.algorithm_oid = oid_text(algorithm);
  }
  const bool sm2_algorithm = algorithm != nullptr && OBJ_obj2nid(algorithm) == NID_sm2;

  // A key OpenSSL cannot decode (an unknown algorithm) is still shown, by its OID.
  const EVP_PKEY* key = X509_get0_pubkey(cert);
  if (key == nullptr) take_openssl_reason();
  out.display = out.algorithm_oid;
  if (key == nullptr) {
    if (sm2_algorithm) {
      out.type = KeyType::sm2;
      out.bits = 256;
      out.display = "SM2";
    }
    return out;
  }
  out.bits = EVP_PKEY_get_bits(key);
  if (EVP_PKEY_is_a(key, "RSA")) {
    out.type = KeyType::rsa;
    out.display = "RSA " + std::to_string(out.bits);
  } else if (EVP_PKEY_is_a(key, "SM2") || EVP_PKEY_is_a(key, "EC")) {
    const std::string curve = ossl::ec_group_name(key);
    const int curve_nid = curve.empty() ? NID_undef : OBJ_txt2nid(curve.c_str());
    if (sm2_algorithm || curve_nid == NID_sm2 || EVP_PKEY_is_a(key, "SM2")) {
      out.type = KeyType::sm2;
      out.display = "SM2";
    } else if (curve_nid == NID_X9_62_prime256v1) {
      out.type = KeyType::ec_p256;
      out.display = "EC P-256";
    } else {
      out.display = curve.empty() ? "EC" : "EC " + curve;
    }
  } else if (const char* type = EVP_PKEY_get0_type_name(key); type != nullptr) {
    out.display = type;
  }
  return out;
}

}  // namespace certrenew::x509::detail
