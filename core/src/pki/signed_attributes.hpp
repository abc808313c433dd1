#pragma once
// The signed attributes of a SignerInfo: their DER as the signature covers it, and lookup of the
// single-valued ones (contentType, messageDigest, signingTime).

#include <string_view>

#include "certrenew/core/bytes.hpp"
#include "pki/openssl_types.hpp"

namespace certrenew::pki::detail {

// DER SET OF in sorted (DER) order, the bytes to sign. Reorders `attributes` to that order too,
// so a SignerInfo that keeps them as a SEQUENCE OF (PKCS7_SIGNER_INFO) encodes the same bytes.
Bytes signed_attributes_to_sign(STACK_OF(X509_ATTRIBUTE) * attributes);
// DER SET OF in the order received, the bytes a verifier checks the signature over.
Bytes signed_attributes_as_received(const STACK_OF(X509_ATTRIBUTE) * attributes);

// The value of an attribute that must occur at most once with exactly one value; null when it
// is absent. PkiError malformed when it is repeated or has several values.
const ASN1_TYPE* single_valued_attribute(const STACK_OF(X509_ATTRIBUTE) * attributes, int nid,
                                         std::string_view name);

}  // namespace certrenew::pki::detail
