#include "signing.hpp"

#include <certrenew/token_driver.h>

#include <openssl/objects.h>

#include <certrenew/driver_kit/openssl.hpp>
#include "bridge_error.hpp"
#include "return_codes.hpp"

namespace certrenew::pkcs11 {

namespace {

constexpr std::size_t kSha256Bytes = 32;
constexpr std::size_t kRawRsBytes = 64;         // r || s for a 256-bit curve
constexpr std::size_t kUnknownRsaBytes = 1024;  // room for RSA-8192 when the size is unknown

using X509SigPtr = kit::OpenSslPtr<X509_SIG, X509_SIG_free>;

// DER DigestInfo { sha256, digest }: what PKCS#1 v1.5 signs, made by OpenSSL's X509_SIG.
Bytes sha256_digest_info(std::span<const std::uint8_t> digest) {
  const X509SigPtr info(X509_SIG_new());
  X509_ALGOR* algorithm = nullptr;
  ASN1_OCTET_STRING* octets = nullptr;
  if (info) X509_SIG_getm(info.get(), &algorithm, &octets);
  if (!info || X509_ALGOR_set0(algorithm, OBJ_nid2obj(NID_sha256), V_ASN1_NULL, nullptr) != 1 ||
      ASN1_OCTET_STRING_set(octets, digest.data(), static_cast<int>(digest.size())) != 1)
    fail(CRT_ERR_GENERAL, "cannot build the DigestInfo: " + kit::take_openssl_error());
  return kit::encode_der(info.get(), i2d_X509_SIG, "the DigestInfo");
}

}  // namespace

std::size_t signature_size(const SignMechanism& m, const KeyFacts& key) {
  if (m.algorithm != CRT_SIG_RSA_PKCS1_SHA256) return kRawRsBytes;
  return key.bits == 0 ? kUnknownRsaBytes : (key.bits + 7) / 8;
}

SigningKey find_signing_key(SessionRef s, const Bytes& id, const std::optional<Sm2Config>& sm2) {
  SigningKey key;
  key.handle = private_key(s, id);
  key.facts = key_facts(s, key.handle, sm2);
  key.always_authenticate = read_bool(s, key.handle, CKA_ALWAYS_AUTHENTICATE).value_or(false);
  return key;
}

Bytes sign_input(SessionRef s, const SigningKey& key, const SignMechanism& m,
                 std::span<const std::uint8_t> input, const std::function<void()>& context_login) {
  Bytes to_sign(input.begin(), input.end());
  if (m.input == CRT_INPUT_DIGEST) {
    if (input.size() != kSha256Bytes)
      fail(CRT_ERR_DATA_INVALID,
           "the digest must be 32 bytes, got " + std::to_string(input.size()));
    if (m.mechanism == CKM_RSA_PKCS) to_sign = sha256_digest_info(input);
  }

  CK_MECHANISM mechanism{m.mechanism, nullptr, 0};
  check_rv(s.api->C_SignInit(s.handle, &mechanism, key.handle), "C_SignInit", "starting to sign");
  Bytes signature(m.algorithm == CRT_SIG_RSA_PKCS1_SHA256 ? kUnknownRsaBytes : 2 * kRawRsBytes);
  if (key.always_authenticate) {
    try {
      context_login();
    } catch (...) {
      // PKCS#11 2.40 has no way to cancel a started operation; a C_Sign without the
      // context-specific login fails and so ends it, leaving the session usable.
      CK_ULONG len = signature.size();
      s.api->C_Sign(s.handle, to_sign.data(), to_sign.size(), signature.data(), &len);
      throw;
    }
  }
  CK_ULONG len = signature.size();
  CK_RV rv = s.api->C_Sign(s.handle, to_sign.data(), to_sign.size(), signature.data(), &len);
  if (rv == CKR_BUFFER_TOO_SMALL) {  // the operation stays active: ask again with room
    signature.resize(len);
    rv = s.api->C_Sign(s.handle, to_sign.data(), to_sign.size(), signature.data(), &len);
  }
  check_rv(rv, "C_Sign", "signing");
  signature.resize(len);
  if (m.format == CRT_SIGFMT_RAW_RS && signature.size() != kRawRsBytes)
    fail(CRT_ERR_DEVICE, "the token returned a " + std::to_string(signature.size()) +
                             "-byte signature where r || s has 64 bytes");
  return signature;
}

}  // namespace certrenew::pkcs11
