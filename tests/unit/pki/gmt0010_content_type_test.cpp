// GM/T 0010 SignedData whose inner contentInfo says pkcs7-signed: OpenSSL decodes that content
// into PKCS7's `d.sign`, so reading it as `d.other` (an ASN1_TYPE) would read a union member of
// the wrong type. The parser must refuse it as malformed before any read (issue 15).
#include <doctest/doctest.h>

#include "certrenew/core/bytes.hpp"
#include "certrenew/core/pki/error.hpp"
#include "certrenew/core/pki/signed_data.hpp"
#include "pki_fixtures.hpp"

using namespace certrenew;
using namespace certrenew::testing;

namespace {

const Bytes kGmtSignedData = {0x06, 0x0A, 0x2A, 0x81, 0x1C, 0xCF,
                              0x55, 0x06, 0x01, 0x04, 0x02, 0x02};  // 1.2.156.10197.6.1.4.2.2
const Bytes kPkcs7Data = {0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01};
const Bytes kPkcs7Signed = {0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02};

// SignedData ::= SEQUENCE { version, digestAlgorithms SET, contentInfo, signerInfos SET }
Bytes signed_data(const Bytes& content_info) {
  return tlv(0x30, cat({{0x02, 0x01, 0x01}, {0x31, 0x00}, content_info, {0x31, 0x00}}));
}

}  // namespace

TEST_CASE("GM/T 0010 SignedData with pkcs7-signed inner content is refused, not misread") {
  const Bytes nested = signed_data(tlv(0x30, kPkcs7Data));
  const Bytes inner_info = tlv(0x30, cat({kPkcs7Signed, tlv(0xA0, nested)}));
  const Bytes message = tlv(0x30, cat({kGmtSignedData, tlv(0xA0, signed_data(inner_info))}));
  try {
    pki::verify_signed_data(message);
    FAIL("accepted");
  } catch (const pki::PkiError& e) {
    CHECK(e.code() == pki::PkiErrc::malformed);
    CHECK(std::string(e.what()).find("does not carry data content") != std::string::npos);
  }
}
