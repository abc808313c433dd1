#include "pki/gmt0010_asn1.hpp"

#include "pki/der.hpp"
#include "pki/openssl_error.hpp"

namespace certrenew::pki::detail {

void GmtSignedContentInfoFree::operator()(GmtSignedContentInfo* value) const {
  ASN1_item_free(reinterpret_cast<ASN1_VALUE*>(value), ASN1_ITEM_rptr(GmtSignedContentInfo));
}

GmtSignedContentInfoPtr new_gmt_signed_content_info() {
  GmtSignedContentInfoPtr value(
      reinterpret_cast<GmtSignedContentInfo*>(ASN1_item_new(ASN1_ITEM_rptr(GmtSignedContentInfo))));
  require(value != nullptr, "ASN1_item_new");
  return value;
}

Bytes encode(const GmtSignedContentInfo& value) {
  return item_to_der(reinterpret_cast<const ASN1_VALUE*>(&value),
                     ASN1_ITEM_rptr(GmtSignedContentInfo));
}

GmtSignedContentInfoPtr decode_gmt_signed_content_info(ByteView der) {
  if (der.empty()) return {};
  const unsigned char* in = der.data();
  GmtSignedContentInfoPtr value(reinterpret_cast<GmtSignedContentInfo*>(ASN1_item_d2i(
      nullptr, &in, static_cast<long>(der.size()), ASN1_ITEM_rptr(GmtSignedContentInfo))));
  if (value != nullptr && in != der.data() + der.size()) value.reset();
  if (value == nullptr) take_openssl_errors();
  return value;
}

// The template, last in the file: clang-format cannot follow OpenSSL's ASN.1 macros.
// clang-format off
ASN1_SEQUENCE(GmtSignedContentInfo) = {
  ASN1_SIMPLE(GmtSignedContentInfo, content_type, ASN1_OBJECT),
  ASN1_EXP(GmtSignedContentInfo, signed_data, PKCS7_SIGNED, 0)
} ASN1_SEQUENCE_END(GmtSignedContentInfo)

}  // namespace certrenew::pki::detail
// clang-format on
