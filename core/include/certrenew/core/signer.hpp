#pragma once

#include <string_view>

#include "certrenew/core/bytes.hpp"

namespace certrenew {

enum class SignatureAlgorithm {
  rsa_pkcs1_sha256,   // sha256WithRSAEncryption
  ecdsa_p256_sha256,  // ecdsa-with-SHA256
  sm2_sm3,            // SM2-with-SM3 (1.2.156.10197.1.501), signer ID per GM/T 0009
};

// The signer ID Chinese CAs use for SM2 (GM/T 0009). OpenSSL 3.0's default is empty.
inline constexpr std::string_view kDefaultSm2SignerId = "1234567812345678";

// Signs with a private key that it does not reveal: a key on a token, reached through its driver.
// CSR and CMS building take a Signer so they never need the key itself.
class Signer {
 public:
  virtual ~Signer() = default;
  virtual SignatureAlgorithm algorithm() const = 0;
  // DER SubjectPublicKeyInfo of the key pair.
  virtual Bytes public_key_spki() const = 0;
  // Signs the whole message (the signer hashes it) and returns the signature in the form X.509
  // and CMS carry it: RSA as the modulus-sized octets, ECDSA and SM2 as DER SEQUENCE{r, s}.
  virtual Bytes sign(ByteView message) const = 0;
  // The SM2 signer ID used for SM2 signatures (ignored for other algorithms).
  virtual std::string_view sm2_signer_id() const { return kDefaultSm2SignerId; }
};

}  // namespace certrenew
