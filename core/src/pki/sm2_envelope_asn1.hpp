#pragma once
// GM/T 0009 SM2Cipher and SM2EnvelopedKey declared with OpenSSL's ASN.1 templates (the types are
// not public in OpenSSL). Only sm2_envelope.cpp uses them: it turns them into the typed
// pki::Sm2Cipher / pki::Sm2EnvelopedKey and checks every field.

#include <openssl/asn1t.h>
#include <openssl/x509.h>

#include <memory>

#include "certrenew/core/bytes.hpp"

namespace certrenew::pki::detail {

struct Sm2CipherAsn1 {
  ASN1_INTEGER* x;
  ASN1_INTEGER* y;
  ASN1_OCTET_STRING* hash;
  ASN1_OCTET_STRING* ciphertext;
};

struct Sm2EnvelopedKeyAsn1 {
  X509_ALGOR* sym_alg;
  Sm2CipherAsn1* encrypted_key;
  ASN1_BIT_STRING* public_key;
  ASN1_BIT_STRING* encrypted_private_key;
};

DECLARE_ASN1_ITEM(Sm2CipherAsn1)
DECLARE_ASN1_ITEM(Sm2EnvelopedKeyAsn1)

struct Sm2CipherAsn1Free {
  void operator()(Sm2CipherAsn1* value) const;
};
struct Sm2EnvelopedKeyAsn1Free {
  void operator()(Sm2EnvelopedKeyAsn1* value) const;
};
using Sm2CipherAsn1Ptr = std::unique_ptr<Sm2CipherAsn1, Sm2CipherAsn1Free>;
using Sm2EnvelopedKeyAsn1Ptr = std::unique_ptr<Sm2EnvelopedKeyAsn1, Sm2EnvelopedKeyAsn1Free>;

Sm2CipherAsn1Ptr new_sm2_cipher_asn1();
Sm2EnvelopedKeyAsn1Ptr new_sm2_enveloped_key_asn1();
Bytes encode(const Sm2CipherAsn1& value);
Bytes encode(const Sm2EnvelopedKeyAsn1& value);
// Null unless `der` is exactly the DER of one such structure: a parse that leaves bytes over, or
// input that re-encodes differently (BER lengths, indefinite forms), is refused.
Sm2CipherAsn1Ptr decode_sm2_cipher_asn1(ByteView der);
Sm2EnvelopedKeyAsn1Ptr decode_sm2_enveloped_key_asn1(ByteView der);

}  // namespace certrenew::pki::detail
