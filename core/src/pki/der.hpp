#pragma once
// DER in and out of OpenSSL objects, always checking that a parse used every byte.

#include <openssl/asn1.h>

#include <climits>
#include <string>

#include "certrenew/core/bytes.hpp"
#include "pki/openssl_error.hpp"
#include "pki/openssl_types.hpp"

namespace certrenew::pki::detail {

// DER of an object through its i2d function; fail(internal) if OpenSSL cannot encode it.
template <typename T>
Bytes to_der(const T* object, int (*i2d)(const T*, unsigned char**)) {
  const int length = i2d(object, nullptr);
  if (length <= 0) fail(PkiErrc::internal, "DER encoding failed");
  Bytes der(static_cast<std::size_t>(length));
  unsigned char* out = der.data();
  if (i2d(object, &out) != length) fail(PkiErrc::internal, "DER encoding failed");
  return der;
}

// DER of a value described by an ASN1_ITEM (templates OpenSSL exports or ones we declare).
Bytes item_to_der(const ASN1_VALUE* value, const ASN1_ITEM* item);

// Parses DER with a d2i function; null when it does not parse or bytes are left over (trailing
// bytes would let two different byte strings pass as the same object).
template <typename T, void (*Free)(T*)>
OpenSslPtr<T, Free> parse_whole(ByteView der, T* (*d2i)(T**, const unsigned char**, long)) {
  if (der.empty() || der.size() > static_cast<std::size_t>(LONG_MAX)) return {};
  const unsigned char* in = der.data();
  OpenSslPtr<T, Free> object(d2i(nullptr, &in, static_cast<long>(der.size())));
  if (object != nullptr && in != der.data() + der.size()) object.reset();
  if (object == nullptr) take_openssl_errors();  // the caller reports its own reason
  return object;
}

inline X509Ptr parse_certificate(ByteView der) {
  return parse_whole<X509, X509_free>(der, d2i_X509);
}
inline EvpPkeyPtr parse_spki(ByteView der) {
  return parse_whole<EVP_PKEY, EVP_PKEY_free>(der, d2i_PUBKEY);
}

// RFC 2253 text of a name with UTF-8 left as it is, for messages and CsrInfo.
std::string name_text(const X509_NAME* name);

Bytes bytes_of(const ASN1_STRING* string);

}  // namespace certrenew::pki::detail
