#include "pki/der.hpp"

#include <openssl/bio.h>

namespace certrenew::pki::detail {

Bytes item_to_der(const ASN1_VALUE* value, const ASN1_ITEM* item) {
  unsigned char* out = nullptr;
  const int length = ASN1_item_i2d(value, &out, item);
  if (length <= 0 || out == nullptr) fail(PkiErrc::internal, "DER encoding failed");
  Bytes der(out, out + length);
  OPENSSL_free(out);
  return der;
}

std::string name_text(const X509_NAME* name) {
  OpenSslPtr<BIO, BIO_free_all> bio(BIO_new(BIO_s_mem()));
  require(bio != nullptr, "BIO_new");
  // RFC 2253 order and escaping, but UTF-8 passed through instead of \XX escapes.
  const unsigned long flags = XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB;
  require(X509_NAME_print_ex(bio.get(), name, 0, flags) >= 0, "X509_NAME_print_ex");
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio.get(), &data);
  return length > 0 ? std::string(data, static_cast<std::size_t>(length)) : std::string();
}

Bytes bytes_of(const ASN1_STRING* string) {
  if (string == nullptr) return {};
  const unsigned char* data = ASN1_STRING_get0_data(string);
  return Bytes(data, data + ASN1_STRING_length(string));
}

}  // namespace certrenew::pki::detail
