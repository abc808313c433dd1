#include "openssl_support.hpp"

#include <memory>
#include <stdexcept>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include "certrenew/core/openssl_ptr.hpp"

namespace certrenew::driver_check {

namespace {

using PkeyPtr = ossl::EvpPkeyPtr;
using PkeyCtxPtr = ossl::EvpPkeyCtxPtr;
using MdCtxPtr = ossl::EvpMdCtxPtr;
using X509Ptr = ossl::X509Ptr;
using BignumPtr = ossl::BignumPtr;

PkeyPtr parse_spki(ByteView spki) {
  const unsigned char* p = spki.data();
  PkeyPtr key(d2i_PUBKEY(nullptr, &p, static_cast<long>(spki.size())));
  if (key && p != spki.data() + spki.size()) key.reset();  // trailing bytes
  return key;
}

void require(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("OpenSSL could not ") + what);
}

}  // namespace

std::optional<PublicKeyFacts> inspect_spki(ByteView spki) {
  const PkeyPtr key = parse_spki(spki);
  if (!key) return std::nullopt;
  PublicKeyFacts facts;
  facts.bits = static_cast<unsigned>(EVP_PKEY_get_bits(key.get()));
  if (EVP_PKEY_is_a(key.get(), "RSA")) {
    facts.type = token::KeyType::rsa;
  } else if (EVP_PKEY_is_a(key.get(), "EC") || EVP_PKEY_is_a(key.get(), "SM2")) {
    char group[64] = {};
    std::size_t len = 0;
    if (EVP_PKEY_get_utf8_string_param(key.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group,
                                       &len) == 1) {
      const std::string_view name(group, len);
      if (name == "SM2")
        facts.type = token::KeyType::sm2;
      else if (name == "prime256v1" || name == "P-256")
        facts.type = token::KeyType::ec_p256;
    }
  }
  return facts;
}

bool is_der_certificate(ByteView der) {
  const unsigned char* p = der.data();
  X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
  return cert && p == der.data() + der.size();
}

std::string verify_signature(ByteView spki, SignatureAlgorithm algorithm, ByteView message,
                             ByteView signature, std::string_view sm2_id) {
  const PkeyPtr key = parse_spki(spki);
  if (!key) return "the public key cannot be parsed";
  MdCtxPtr md(EVP_MD_CTX_new());
  PkeyCtxPtr pctx;
  const EVP_MD* hash = EVP_sha256();
  if (!md) return "OpenSSL could not make a digest context";
  if (algorithm == SignatureAlgorithm::sm2_sm3) {
    // The signer ID must be on the key context before the digest starts (OpenSSL's default is
    // empty, which no Chinese CA uses).
    hash = EVP_sm3();
    pctx.reset(EVP_PKEY_CTX_new(key.get(), nullptr));
    if (!pctx || EVP_PKEY_CTX_set1_id(pctx.get(), sm2_id.data(), sm2_id.size()) != 1)
      return "OpenSSL could not set the SM2 signer ID";
    EVP_MD_CTX_set_pkey_ctx(md.get(), pctx.get());
  }
  const bool ok = EVP_DigestVerifyInit(md.get(), nullptr, hash, nullptr, key.get()) == 1 &&
                  EVP_DigestVerify(md.get(), signature.data(), signature.size(), message.data(),
                                   message.size()) == 1;
  EVP_MD_CTX_set_pkey_ctx(md.get(), nullptr);  // pctx has its own owner
  return ok ? std::string() : "the signature does not verify with OpenSSL";
}

Bytes certificate_for(ByteView spki, const std::string& common_name) {
  const PkeyPtr subject_key = parse_spki(spki);
  require(subject_key != nullptr, "parse the public key");
  const PkeyPtr issuer_key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  require(issuer_key != nullptr, "make a throwaway issuer key");

  X509Ptr cert(X509_new());
  require(cert != nullptr, "make a certificate");
  require(X509_set_version(cert.get(), X509_VERSION_3) == 1, "set the version");
  BignumPtr serial(BN_new());
  require(serial && BN_rand(serial.get(), 63, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) == 1 &&
              BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())) != nullptr,
          "set a serial number");
  X509_NAME* name = X509_get_subject_name(cert.get());
  require(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                     reinterpret_cast<const unsigned char*>(common_name.c_str()),
                                     -1, -1, 0) == 1,
          "set the subject");
  X509_NAME* issuer = X509_get_issuer_name(cert.get());
  require(X509_NAME_add_entry_by_txt(
              issuer, "CN", MBSTRING_UTF8,
              reinterpret_cast<const unsigned char*>("certrenew-driver-check throwaway issuer"), -1,
              -1, 0) == 1,
          "set the issuer");
  require(X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0) != nullptr &&
              X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24L * 60 * 60) != nullptr,
          "set the validity");
  require(X509_set_pubkey(cert.get(), subject_key.get()) == 1, "set the public key");
  require(X509_sign(cert.get(), issuer_key.get(), EVP_sha256()) > 0, "sign the certificate");

  const int len = i2d_X509(cert.get(), nullptr);
  require(len > 0, "encode the certificate");
  Bytes der(static_cast<std::size_t>(len));
  unsigned char* out = der.data();
  i2d_X509(cert.get(), &out);
  return der;
}

}  // namespace certrenew::driver_check
