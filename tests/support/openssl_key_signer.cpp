#include "openssl_key_signer.hpp"

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/x509.h>

#include <array>
#include <memory>
#include <stdexcept>

namespace certrenew::testing {
namespace {

[[noreturn]] void fail(const std::string& what) {
  ERR_clear_error();
  throw std::runtime_error("OpenSslKeySigner: " + what);
}

SignatureAlgorithm algorithm_of(EVP_PKEY* key) {
  if (EVP_PKEY_is_a(key, "RSA")) return SignatureAlgorithm::rsa_pkcs1_sha256;
  if (EVP_PKEY_is_a(key, "SM2")) return SignatureAlgorithm::sm2_sm3;
  std::array<char, 64> group{};
  std::size_t length = 0;
  if (EVP_PKEY_is_a(key, "EC") &&
      EVP_PKEY_get_group_name(key, group.data(), group.size(), &length) == 1) {
    const std::string name(group.data(), length);
    if (name == "prime256v1") return SignatureAlgorithm::ecdsa_p256_sha256;
    if (name == "SM2") return SignatureAlgorithm::sm2_sm3;
  }
  fail("unsupported key type");
}

// DER SEQUENCE{r, s} to the fixed-width r||s a PKCS#11 token returns.
Bytes to_raw_ecdsa(const Bytes& der) {
  const unsigned char* in = der.data();
  std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> parsed(
      d2i_ECDSA_SIG(nullptr, &in, static_cast<long>(der.size())), ECDSA_SIG_free);
  if (parsed == nullptr) fail("d2i_ECDSA_SIG");
  Bytes raw(64);
  if (BN_bn2binpad(ECDSA_SIG_get0_r(parsed.get()), raw.data(), 32) != 32 ||
      BN_bn2binpad(ECDSA_SIG_get0_s(parsed.get()), raw.data() + 32, 32) != 32) {
    fail("BN_bn2binpad");
  }
  return raw;
}

Bytes spki_of(EVP_PKEY* key) {
  const int length = i2d_PUBKEY(key, nullptr);
  if (length <= 0) fail("i2d_PUBKEY");
  Bytes der(static_cast<std::size_t>(length));
  unsigned char* out = der.data();
  if (i2d_PUBKEY(key, &out) != length) fail("i2d_PUBKEY");
  return der;
}

}  // namespace

OpenSslKeySigner::OpenSslKeySigner(EVP_PKEY* key, std::string sm2_signer_id)
    : key_(key),
      spki_(spki_of(key)),
      sm2_signer_id_(std::move(sm2_signer_id)),
      algorithm_(algorithm_of(key)) {
  if (EVP_PKEY_up_ref(key_) != 1) fail("EVP_PKEY_up_ref");
}

OpenSslKeySigner::~OpenSslKeySigner() {
  EVP_PKEY_free(key_);
}

Bytes OpenSslKeySigner::sign(ByteView message) const {
  ++sign_calls_;
  if (fault_ == Fault::throw_error) throw TokenGone();
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                  EVP_MD_CTX_free);
  EVP_PKEY_CTX* key_context = nullptr;  // owned by context
  const bool sm2 = algorithm_of(key_) == SignatureAlgorithm::sm2_sm3;
  if (context == nullptr ||
      EVP_DigestSignInit(context.get(), &key_context, sm2 ? EVP_sm3() : EVP_sha256(), nullptr,
                         key_) != 1) {
    fail("EVP_DigestSignInit");
  }
  if (sm2 && EVP_PKEY_CTX_set1_id(key_context, sm2_signer_id_.data(), sm2_signer_id_.size()) != 1) {
    fail("EVP_PKEY_CTX_set1_id");
  }
  std::size_t length = 0;
  if (EVP_DigestSign(context.get(), nullptr, &length, message.data(), message.size()) != 1) {
    fail("EVP_DigestSign (size)");
  }
  Bytes signature(length);
  if (EVP_DigestSign(context.get(), signature.data(), &length, message.data(), message.size()) !=
      1) {
    fail("EVP_DigestSign");
  }
  signature.resize(length);
  switch (fault_) {
    case Fault::flip_signature_bit:
      signature[signature.size() / 2] ^= 0x01;
      break;
    case Fault::raw_ecdsa:
      signature = to_raw_ecdsa(signature);
      break;
    case Fault::empty_signature:
      signature.clear();
      break;
    case Fault::none:
    case Fault::throw_error:
      break;
  }
  last_signature_ = signature;
  return signature;
}

}  // namespace certrenew::testing
