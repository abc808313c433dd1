#include "ca/external_signature.hpp"

#include <openssl/asn1.h>
#include <openssl/err.h>
#include <openssl/x509.h>

#include <array>
#include <cstring>
#include <mutex>
#include <string>

#include "ca/authority.hpp"
#include "ca/der.hpp"

namespace certrenew::server {

namespace {

[[noreturn]] void fail_signing(const std::string& what) {
  ERR_clear_error();
  throw IssuanceError("cannot sign with the CA key: " + what);
}

// OpenSSL 3.0 has no public setter for the signature AlgorithmIdentifier that a certificate and
// a CRL carry twice (inside the to-be-signed part and beside the signature). Signing once with a
// throwaway key of the same algorithm sets both, with exactly the encoding OpenSSL uses for its
// own keys; that signature is then replaced by the Signer's. One throwaway key per algorithm and
// process; the AlgorithmIdentifier does not depend on the key's size or value.
EVP_PKEY* placeholder_key(SignatureAlgorithm algorithm) {
  static std::mutex mutex;
  static std::array<PkeyPtr, 3> keys;
  std::lock_guard lock(mutex);
  auto& key = keys.at(static_cast<std::size_t>(algorithm));
  if (!key) {
    switch (algorithm) {
      case SignatureAlgorithm::rsa_pkcs1_sha256:
        key = generate_key(CaKeyType::rsa3072);
        break;
      case SignatureAlgorithm::ecdsa_p256_sha256:
        key = generate_key(CaKeyType::ec_p256);
        break;
      case SignatureAlgorithm::sm2_sm3:
        key = generate_key(CaKeyType::sm2);
        break;
    }
  }
  return key.get();
}

template <typename T, int (*Encode)(const T*, unsigned char**)>
std::vector<std::uint8_t> der(const T* object) {
  auto out = to_der<T, Encode>(object);
  if (out.empty()) fail_signing("encoding");
  return out;
}

std::vector<std::uint8_t> take(unsigned char* data, int len) {
  if (len <= 0 || data == nullptr) fail_signing("encoding the to-be-signed part");
  std::vector<std::uint8_t> out(data, data + len);
  OPENSSL_free(data);
  return out;
}

// Certificate and CertificateList are both SEQUENCE { tbs, signatureAlgorithm, BIT STRING }.
std::vector<std::uint8_t> assemble(const std::vector<std::uint8_t>& tbs, const X509_ALGOR* alg,
                                   const Bytes& signature) {
  ossl::Asn1BitStringPtr bits(ASN1_BIT_STRING_new());
  if (!bits ||
      ASN1_STRING_set(bits.get(), signature.data(), static_cast<int>(signature.size())) != 1)
    fail_signing("signature value");
  // Whole octets: "0 unused bits", or the encoder would strip trailing zero bits.
  bits->flags &= ~(ASN1_STRING_FLAG_BITS_LEFT | 0x07);
  bits->flags |= ASN1_STRING_FLAG_BITS_LEFT;
  std::vector<std::uint8_t> content = tbs;
  const auto alg_der = der<X509_ALGOR, i2d_X509_ALGOR>(alg);
  const auto bits_der = der<ASN1_BIT_STRING, i2d_ASN1_BIT_STRING>(bits.get());
  content.insert(content.end(), alg_der.begin(), alg_der.end());
  content.insert(content.end(), bits_der.begin(), bits_der.end());
  const int length = static_cast<int>(content.size());
  std::vector<std::uint8_t> out(
      static_cast<std::size_t>(ASN1_object_size(1, length, V_ASN1_SEQUENCE)));
  unsigned char* p = out.data();
  ASN1_put_object(&p, 1, length, V_ASN1_SEQUENCE, V_ASN1_UNIVERSAL);
  std::memcpy(p, content.data(), content.size());
  return out;
}

void set_sm2_id_if_needed(X509* cert, const Signer& signer) {
  if (signer.algorithm() != SignatureAlgorithm::sm2_sm3) return;
  const auto id = signer.sm2_signer_id();
  ossl::Asn1OctetStringPtr octets(ASN1_OCTET_STRING_new());
  if (!octets ||
      ASN1_OCTET_STRING_set(octets.get(), reinterpret_cast<const unsigned char*>(id.data()),
                            static_cast<int>(id.size())) != 1)
    fail_signing("SM2 ID");
  X509_set0_distinguishing_id(cert, octets.release());
}

// The DER of `object` (a certificate or a CRL) signed by the token: a placeholder signature sets
// the AlgorithmIdentifier (placeholder_key), the token signs the re-encoded to-be-signed part, and
// the whole is assembled from those. The other arguments are the object type's OpenSSL calls.
template <typename T, typename ReencodeTbs, typename Algorithm>
std::vector<std::uint8_t> token_signed_der(T* object, const Signer& signer,
                                           int (*sign_ctx)(T*, EVP_MD_CTX*),
                                           ReencodeTbs reencode_tbs, Algorithm algorithm) {
  MdCtxPtr placeholder = signing_context(placeholder_key(signer.algorithm()));
  if (sign_ctx(object, placeholder.get()) <= 0) fail_signing("setting the signature algorithm");
  unsigned char* tbs_data = nullptr;
  const auto tbs = take(tbs_data, reencode_tbs(object, &tbs_data));
  return assemble(tbs, algorithm(object), signer.sign(tbs));
}

// `der` parsed back as one `what` and nothing after it.
template <typename T, T* (*Decode)(T**, const unsigned char**, long), void (*Free)(T*)>
ossl::Ptr<T, Free> parse_whole(const std::vector<std::uint8_t>& der, const std::string& what) {
  auto parsed = from_whole_der<T, Decode, Free>(der);
  if (!parsed) fail_signing("the signed " + what + " does not parse");
  return parsed;
}

}  // namespace

std::vector<std::uint8_t> sign_certificate_externally(X509* cert, const Signer& signer,
                                                      EVP_PKEY* issuer_key) {
  auto out = token_signed_der(cert, signer, X509_sign_ctx, i2d_re_X509_tbs, [](const X509* c) {
    const X509_ALGOR* alg = nullptr;
    X509_get0_signature(nullptr, &alg, c);
    return alg;
  });
  auto signed_cert = parse_whole<X509, d2i_X509, X509_free>(out, "certificate");
  set_sm2_id_if_needed(signed_cert.get(), signer);
  if (X509_verify(signed_cert.get(), issuer_key) != 1)
    fail_signing("the token's signature does not verify with the CA certificate's key");
  return out;
}

std::vector<std::uint8_t> sign_crl_externally(X509_CRL* crl, const Signer& signer,
                                              EVP_PKEY* issuer_key) {
  auto out =
      token_signed_der(crl, signer, X509_CRL_sign_ctx, i2d_re_X509_CRL_tbs, [](const X509_CRL* c) {
        const X509_ALGOR* alg = nullptr;
        X509_CRL_get0_signature(c, nullptr, &alg);
        return alg;
      });
  auto signed_crl = parse_whole<X509_CRL, d2i_X509_CRL, X509_CRL_free>(out, "CRL");
  // OpenSSL 3.0 cannot verify an SM2 CRL with the GM/T 0009 ID (no X509_CRL ID setter): SM2
  // CRLs are checked by the certificate path above only.
  if (signer.algorithm() != SignatureAlgorithm::sm2_sm3 &&
      X509_CRL_verify(signed_crl.get(), issuer_key) != 1)
    fail_signing("the token's CRL signature does not verify with the CA certificate's key");
  return out;
}

}  // namespace certrenew::server
