#pragma once

// The CertRenew driver kit, optional part for drivers that use OpenSSL 3 (link libcrypto):
// unique_ptr owners for OpenSSL objects, the text of OpenSSL's error queue, and strict DER
// encoding/decoding (a decode that leaves bytes over is a failure, not a shorter object).

#include <certrenew/driver_kit/error.hpp>

#include <openssl/asn1.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <cstdint>
#include <cstdio>
#include <ctime>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace certrenew::driver_kit {

template <auto Free>
struct OpenSslDeleter {
  template <typename T>
  void operator()(T* p) const noexcept {
    Free(p);
  }
};

// An owner for any OpenSSL object with a free function: OpenSslPtr<X509_PUBKEY, X509_PUBKEY_free>.
template <typename T, auto Free>
using OpenSslPtr = std::unique_ptr<T, OpenSslDeleter<Free>>;

// The owners nearly every driver needs; any other is OpenSslPtr<T, T_free>.
using EvpPkeyPtr = OpenSslPtr<EVP_PKEY, EVP_PKEY_free>;
using EvpPkeyCtxPtr = OpenSslPtr<EVP_PKEY_CTX, EVP_PKEY_CTX_free>;
using EvpMdCtxPtr = OpenSslPtr<EVP_MD_CTX, EVP_MD_CTX_free>;
using X509Ptr = OpenSslPtr<X509, X509_free>;

// Empties this thread's OpenSSL error queue; fits ContextBase's `on_failure`.
inline void clear_openssl_errors() noexcept {
  ERR_clear_error();
}

// The oldest error in this thread's OpenSSL queue as text ("" if none); clears the queue so no
// stale error reaches the host.
inline std::string take_openssl_error() {
  const unsigned long code = ERR_peek_error();
  std::string text;
  if (code != 0) {
    char buf[256];
    ERR_error_string_n(code, buf, sizeof buf);
    text = buf;
  }
  ERR_clear_error();
  return text;
}

// DriverError(status, "<doing>: <OpenSSL's reason>").
[[noreturn]] inline void openssl_failure(crt_status status, const std::string& doing) {
  const std::string reason = take_openssl_error();
  fail(status, reason.empty() ? doing : doing + ": " + reason);
}

// The DER of `value` by an OpenSSL i2d function; throws DriverError(CRT_ERR_GENERAL) on failure.
template <typename T, typename I2d>
std::vector<std::uint8_t> encode_der(const T* value, I2d i2d, const char* what) {
  const int size = value == nullptr ? 0 : i2d(value, nullptr);
  if (size <= 0) openssl_failure(CRT_ERR_GENERAL, std::string("cannot encode ") + what);
  std::vector<std::uint8_t> der(static_cast<std::size_t>(size));
  unsigned char* out = der.data();
  if (i2d(value, &out) != size)
    openssl_failure(CRT_ERR_GENERAL, std::string("cannot encode ") + what);
  return der;
}

// The object an OpenSSL d2i function decodes from exactly `size` bytes, or an empty owner (and
// an empty error queue) when the bytes are not exactly one such object.
template <typename T, auto Free, typename D2i>
OpenSslPtr<T, Free> decode_der(const std::uint8_t* data, std::size_t size, D2i d2i) {
  if (data == nullptr || size == 0 ||
      size > static_cast<std::size_t>(std::numeric_limits<long>::max()))
    return nullptr;
  const unsigned char* in = data;
  OpenSslPtr<T, Free> object(d2i(nullptr, &in, static_cast<long>(size)));
  if (!object || in != data + size) {
    ERR_clear_error();
    return nullptr;
  }
  return object;
}

inline EvpPkeyPtr decode_spki(const std::uint8_t* der, std::size_t size) {
  return decode_der<EVP_PKEY, EVP_PKEY_free>(der, size, d2i_PUBKEY);
}
inline X509Ptr decode_certificate(const std::uint8_t* der, std::size_t size) {
  return decode_der<X509, X509_free>(der, size, d2i_X509);
}
inline std::vector<std::uint8_t> spki_of(const EVP_PKEY* key) {
  return encode_der(key, i2d_PUBKEY, "the public key");
}

// A certificate's notAfter as a UTC date, "YYYY-MM-DD" ("" when it cannot be read).
inline std::string not_after_date(const X509* cert) {
  struct tm when = {};
  const ASN1_TIME* not_after = cert == nullptr ? nullptr : X509_get0_notAfter(cert);
  if (not_after == nullptr || ASN1_TIME_to_tm(not_after, &when) != 1) {
    ERR_clear_error();
    return {};
  }
  char text[48];  // room for any int the format could print
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", when.tm_year + 1900, when.tm_mon + 1,
                when.tm_mday);
  return text;
}

}  // namespace certrenew::driver_kit
