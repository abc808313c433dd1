#pragma once
// DER out of and into OpenSSL objects, the one way ca/ does it. Failures come back empty (no
// bytes, no object) so that each caller says what could not be encoded or parsed.

#include <cstdint>
#include <vector>

#include "ca/openssl_ptr.hpp"

namespace certrenew::server {

// The DER of `object` by its i2d function (i2d_X509, i2d_X509_CRL, i2d_PUBKEY, ...); empty when
// OpenSSL cannot encode it.
template <typename T, int (*Encode)(const T*, unsigned char**)>
std::vector<std::uint8_t> to_der(const T* object) {
  const int len = Encode(object, nullptr);
  if (len <= 0) return {};
  std::vector<std::uint8_t> out(static_cast<std::size_t>(len));
  unsigned char* p = out.data();
  if (Encode(object, &p) != len) return {};
  return out;
}

// `der` decoded by its d2i function as one object with nothing after it; null otherwise.
template <typename T, T* (*Decode)(T**, const unsigned char**, long), void (*Free)(T*)>
ossl::Ptr<T, Free> from_whole_der(const std::vector<std::uint8_t>& der) {
  const unsigned char* p = der.data();
  ossl::Ptr<T, Free> object(Decode(nullptr, &p, static_cast<long>(der.size())));
  if (object && p != der.data() + der.size()) object.reset();
  return object;
}

}  // namespace certrenew::server
