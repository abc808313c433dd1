#pragma once
// TEST DOUBLE. A certrenew::Signer over a key held in OpenSSL's memory, standing in for a token in
// tests and in the benchmark. Production code signs through token::TokenSigner; nothing outside
// tests/ and bench/ may use this class.

#include <openssl/evp.h>

#include <stdexcept>
#include <string>

#include "certrenew/core/signer.hpp"

namespace certrenew::testing {

class OpenSslKeySigner final : public Signer {
 public:
  // Ways to misbehave, so tests can check how CSR and CMS building react to a bad token.
  enum class Fault {
    none,
    flip_signature_bit,  // a signature of the right shape that does not verify
    raw_ecdsa,           // r||s instead of DER, as PKCS#11 CKM_ECDSA returns it
    empty_signature,
    throw_error,  // throws TokenGone, as a token pulled out mid-signature would
  };

  struct TokenGone : std::runtime_error {
    TokenGone() : std::runtime_error("test double: the token was removed") {}
  };

  // Shares the key (up-ref). The algorithm follows the key: RSA, EC P-256 or SM2.
  explicit OpenSslKeySigner(EVP_PKEY* key,
                            std::string sm2_signer_id = std::string(kDefaultSm2SignerId));
  ~OpenSslKeySigner() override;
  OpenSslKeySigner(const OpenSslKeySigner&) = delete;
  OpenSslKeySigner& operator=(const OpenSslKeySigner&) = delete;

  SignatureAlgorithm algorithm() const override { return algorithm_; }
  Bytes public_key_spki() const override { return spki_; }
  Bytes sign(ByteView message) const override;
  std::string_view sm2_signer_id() const override { return sm2_signer_id_; }

  void set_fault(Fault fault) { fault_ = fault; }
  // Makes algorithm() lie, to test a signer whose key does not fit its algorithm.
  void claim_algorithm(SignatureAlgorithm algorithm) { algorithm_ = algorithm; }
  int sign_calls() const { return sign_calls_; }
  const Bytes& last_signature() const { return last_signature_; }

 private:
  EVP_PKEY* key_;
  Bytes spki_;  // read once, as token::TokenSigner does
  std::string sm2_signer_id_;
  SignatureAlgorithm algorithm_;
  Fault fault_ = Fault::none;
  mutable int sign_calls_ = 0;
  mutable Bytes last_signature_;
};

}  // namespace certrenew::testing
