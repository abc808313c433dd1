#include "pki/sm2_envelope_asn1.hpp"

#include <algorithm>
#include <climits>

#include "pki/der.hpp"
#include "pki/openssl_error.hpp"

namespace certrenew::pki::detail {

namespace {

template <typename T, typename Ptr>
Ptr new_value(const ASN1_ITEM* item) {
  Ptr value(reinterpret_cast<T*>(ASN1_item_new(item)));
  require(value != nullptr, "ASN1_item_new");
  return value;
}

// Decodes with the template, then insists that the bytes are the DER of what was decoded: OpenSSL's
// template decoder also takes some BER (indefinite lengths, long-form short lengths), and two byte
// strings must never pass as the same envelope.
template <typename T, typename Ptr>
Ptr decode_exact(ByteView der, const ASN1_ITEM* item) {
  if (der.empty() || der.size() > static_cast<std::size_t>(LONG_MAX)) return {};
  const unsigned char* in = der.data();
  Ptr value(reinterpret_cast<T*>(ASN1_item_d2i(nullptr, &in, static_cast<long>(der.size()), item)));
  if (value == nullptr || in != der.data() + der.size()) {
    take_openssl_errors();
    return {};
  }
  const Bytes again = item_to_der(reinterpret_cast<const ASN1_VALUE*>(value.get()), item);
  if (!std::equal(again.begin(), again.end(), der.begin(), der.end())) return {};
  return value;
}

}  // namespace

void Sm2CipherAsn1Free::operator()(Sm2CipherAsn1* value) const {
  ASN1_item_free(reinterpret_cast<ASN1_VALUE*>(value), ASN1_ITEM_rptr(Sm2CipherAsn1));
}
void Sm2EnvelopedKeyAsn1Free::operator()(Sm2EnvelopedKeyAsn1* value) const {
  ASN1_item_free(reinterpret_cast<ASN1_VALUE*>(value), ASN1_ITEM_rptr(Sm2EnvelopedKeyAsn1));
}

Sm2CipherAsn1Ptr new_sm2_cipher_asn1() {
  return new_value<Sm2CipherAsn1, Sm2CipherAsn1Ptr>(ASN1_ITEM_rptr(Sm2CipherAsn1));
}
Sm2EnvelopedKeyAsn1Ptr new_sm2_enveloped_key_asn1() {
  return new_value<Sm2EnvelopedKeyAsn1, Sm2EnvelopedKeyAsn1Ptr>(
      ASN1_ITEM_rptr(Sm2EnvelopedKeyAsn1));
}

Bytes encode(const Sm2CipherAsn1& value) {
  return item_to_der(reinterpret_cast<const ASN1_VALUE*>(&value), ASN1_ITEM_rptr(Sm2CipherAsn1));
}
Bytes encode(const Sm2EnvelopedKeyAsn1& value) {
  return item_to_der(reinterpret_cast<const ASN1_VALUE*>(&value),
                     ASN1_ITEM_rptr(Sm2EnvelopedKeyAsn1));
}

Sm2CipherAsn1Ptr decode_sm2_cipher_asn1(ByteView der) {
  return decode_exact<Sm2CipherAsn1, Sm2CipherAsn1Ptr>(der, ASN1_ITEM_rptr(Sm2CipherAsn1));
}
Sm2EnvelopedKeyAsn1Ptr decode_sm2_enveloped_key_asn1(ByteView der) {
  return decode_exact<Sm2EnvelopedKeyAsn1, Sm2EnvelopedKeyAsn1Ptr>(
      der, ASN1_ITEM_rptr(Sm2EnvelopedKeyAsn1));
}

// The templates, last in the file: clang-format cannot follow OpenSSL's ASN.1 macros.
// clang-format off
ASN1_SEQUENCE(Sm2CipherAsn1) = {
  ASN1_SIMPLE(Sm2CipherAsn1, x, ASN1_INTEGER),
  ASN1_SIMPLE(Sm2CipherAsn1, y, ASN1_INTEGER),
  ASN1_SIMPLE(Sm2CipherAsn1, hash, ASN1_OCTET_STRING),
  ASN1_SIMPLE(Sm2CipherAsn1, ciphertext, ASN1_OCTET_STRING)
} ASN1_SEQUENCE_END(Sm2CipherAsn1)

ASN1_SEQUENCE(Sm2EnvelopedKeyAsn1) = {
  ASN1_SIMPLE(Sm2EnvelopedKeyAsn1, sym_alg, X509_ALGOR),
  ASN1_SIMPLE(Sm2EnvelopedKeyAsn1, encrypted_key, Sm2CipherAsn1),
  ASN1_SIMPLE(Sm2EnvelopedKeyAsn1, public_key, ASN1_BIT_STRING),
  ASN1_SIMPLE(Sm2EnvelopedKeyAsn1, encrypted_private_key, ASN1_BIT_STRING)
} ASN1_SEQUENCE_END(Sm2EnvelopedKeyAsn1)

}  // namespace certrenew::pki::detail
// clang-format on
