#include "pki/signed_attributes.hpp"

#include <openssl/pkcs7.h>

#include <string>

#include "pki/der.hpp"
#include "pki/openssl_error.hpp"

namespace certrenew::pki::detail {

// PKCS7_ATTR_SIGN and PKCS7_ATTR_VERIFY are OpenSSL's own templates for exactly this: a
// universal SET OF Attribute, sorted when signing, as received when verifying. They work for CMS
// SignerInfos too, whose signedAttrs have the same ASN.1 type.
Bytes signed_attributes_to_sign(STACK_OF(X509_ATTRIBUTE) * attributes) {
  return item_to_der(reinterpret_cast<const ASN1_VALUE*>(attributes),
                     ASN1_ITEM_rptr(PKCS7_ATTR_SIGN));
}

Bytes signed_attributes_as_received(const STACK_OF(X509_ATTRIBUTE) * attributes) {
  return item_to_der(reinterpret_cast<const ASN1_VALUE*>(attributes),
                     ASN1_ITEM_rptr(PKCS7_ATTR_VERIFY));
}

const ASN1_TYPE* single_valued_attribute(const STACK_OF(X509_ATTRIBUTE) * attributes, int nid,
                                         std::string_view name) {
  const int position = X509at_get_attr_by_NID(attributes, nid, -1);
  if (position < 0) return nullptr;
  if (X509at_get_attr_by_NID(attributes, nid, position) >= 0) {
    fail(PkiErrc::malformed, "the " + std::string(name) + " attribute occurs more than once");
  }
  X509_ATTRIBUTE* attribute = X509at_get_attr(attributes, position);
  if (X509_ATTRIBUTE_count(attribute) != 1) {
    fail(PkiErrc::malformed, "the " + std::string(name) + " attribute must have one value");
  }
  return X509_ATTRIBUTE_get0_type(attribute, 0);
}

}  // namespace certrenew::pki::detail
