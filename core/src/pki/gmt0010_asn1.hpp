#pragma once
// The outer ContentInfo of GM/T 0010-2012 SignedData, declared with OpenSSL's ASN.1 templates:
//   ContentInfo ::= SEQUENCE { contentType OBJECT IDENTIFIER (1.2.156.10197.6.1.4.2.2),
//                              content [0] EXPLICIT SignedData }
// GM/T 0010's SignedData is PKCS#7 v1.5 SignedData with Chinese OIDs, so the inside is
// OpenSSL's PKCS7_SIGNED. OpenSSL's own PKCS7 and CMS ContentInfo types cannot carry it: they
// pick the inner type by OID and treat an OID they do not know as opaque.

#include <openssl/asn1t.h>
#include <openssl/pkcs7.h>

#include <memory>

#include "certrenew/core/bytes.hpp"

namespace certrenew::pki::detail {

struct GmtSignedContentInfo {
  ASN1_OBJECT* content_type;
  PKCS7_SIGNED* signed_data;
};

DECLARE_ASN1_ITEM(GmtSignedContentInfo)

struct GmtSignedContentInfoFree {
  void operator()(GmtSignedContentInfo* value) const;
};
using GmtSignedContentInfoPtr = std::unique_ptr<GmtSignedContentInfo, GmtSignedContentInfoFree>;

GmtSignedContentInfoPtr new_gmt_signed_content_info();
Bytes encode(const GmtSignedContentInfo& value);
// Null when `der` is not this structure (or has trailing bytes).
GmtSignedContentInfoPtr decode_gmt_signed_content_info(ByteView der);

}  // namespace certrenew::pki::detail
