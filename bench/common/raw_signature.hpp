#pragma once
// The baseline of every benchmark: what a program holding the key in OpenSSL's memory pays for
// one signature or one verification, with the digest CertRenew uses for that key type (SHA-256;
// SM3 with the GM/T 0009 signer ID for SM2).

#include <openssl/evp.h>

#include "certrenew/core/bytes.hpp"

namespace certrenew::bench {

// One-shot EVP_DigestSign; throws std::runtime_error when OpenSSL fails.
Bytes raw_sign(EVP_PKEY* key, ByteView message);
// One-shot EVP_DigestVerify; true when the signature is good. Throws when OpenSSL cannot start.
bool raw_verify(EVP_PKEY* key, ByteView message, ByteView signature);

}  // namespace certrenew::bench
