#pragma once
// Which keys go with which signature algorithms, the OIDs GM/T 0010 uses, SM2 IDs, and
// signature verification.

#include <string>
#include <string_view>

#include "certrenew/core/bytes.hpp"
#include "certrenew/core/signer.hpp"
#include "pki/openssl_types.hpp"

namespace certrenew::pki::detail {

// GM/T 0010-2012 content types and the GM/T 0006 SM2 identifiers.
inline constexpr const char* kGmtDataOid = "1.2.156.10197.6.1.4.2.1";
inline constexpr const char* kGmtSignedDataOid = "1.2.156.10197.6.1.4.2.2";
inline constexpr const char* kSm2KeyOid = "1.2.156.10197.1.301";
inline constexpr const char* kSm2SignOid = "1.2.156.10197.1.301.1";  // sm2-1, digital signature

enum class KeyFamily { rsa, ec_p256, sm2, other };

KeyFamily key_family(const EVP_PKEY* key);
KeyFamily key_family(SignatureAlgorithm algorithm);
std::string_view describe(KeyFamily family);
std::string_view describe(SignatureAlgorithm algorithm);
SignatureAlgorithm signature_algorithm(KeyFamily family);  // family must not be `other`

// SHA-256 for RSA and ECDSA, SM3 for SM2.
const EVP_MD* digest_for(SignatureAlgorithm algorithm);

// A new object for a dotted OID (fail(internal) if OpenSSL cannot make it).
Asn1ObjectPtr object_from_oid(const char* dotted);
// True when `object` is the dotted OID.
bool is_oid(const ASN1_OBJECT* object, const char* dotted);
std::string oid_text(const ASN1_OBJECT* object);

// An SM2 distinguishing ID as OpenSSL wants it for X509/X509_REQ.
Asn1OctetStringPtr sm2_id(std::string_view id);
// Attaches the SM2 ID to a certificate signed with SM2-with-SM3, so X509_verify and chain
// building check its signature with that ID; other certificates are left as they are.
void attach_sm2_id_if_sm2_signed(X509* certificate, std::string_view id);

// Verifies `signature` over `message` with the key and digest (SM2: with the ID).
bool verify_signature(EVP_PKEY* key, const EVP_MD* digest, ByteView message, ByteView signature,
                      std::string_view sm2_signer_id);

// The digest of `data` (EVP_Digest), for messageDigest attributes.
Bytes digest_of(const EVP_MD* digest, ByteView data);

}  // namespace certrenew::pki::detail
