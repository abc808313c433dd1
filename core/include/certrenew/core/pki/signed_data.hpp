#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "certrenew/core/bytes.hpp"
#include "certrenew/core/openssl_ptr.hpp"
#include "certrenew/core/pki/error.hpp"
#include "certrenew/core/pki/trust.hpp"
#include "certrenew/core/signer.hpp"

namespace certrenew::pki {

// The two encodings of SignedData. RSA and ECDSA signers produce RFC 5652 CMS (id-signedData,
// SHA-256). SM2 signers produce GM/T 0010-2012 SignedData: content types
// 1.2.156.10197.6.1.4.2.2 (signedData) / .2.1 (data), digest SM3 (1.2.156.10197.1.401) and
// signature algorithm sm2-1 (1.2.156.10197.1.301.1), the identifier GM/T 0010 names for
// digestEncryptionAlgorithm (GM/T 0006); SM2-with-SM3 (1.2.156.10197.1.501) is accepted too.
enum class SignedDataFormat { cms, gmt0010 };

struct SignedDataOptions {
  // The signingTime attribute; unset means now.
  std::optional<std::chrono::system_clock::time_point> signing_time;
  bool include_content = true;             // false: detached signature
  bool include_signer_certificate = true;  // false: the verifier must know the certificate
};

// Builds DER SignedData over `content` with one SignerInfo (issuerAndSerialNumber) whose signed
// attributes are contentType, signingTime and messageDigest; the signer signs the DER SET OF
// those attributes. Throws PkiError: invalid_argument (certificate DER), key_mismatch (the
// certificate's key is not the signer's), signer_failed. The signer is not called on bad input.
Bytes build_signed_data(const Signer& signer, ByteView signer_certificate_der, ByteView content,
                        const SignedDataOptions& options = {});

struct SignedDataVerifyOptions {
  // Set: the signer certificate must chain to one of these anchors (not_trusted otherwise).
  std::optional<TrustOptions> trust;
  // The content of a detached SignedData.
  std::optional<Bytes> detached_content;
  // Where else to look for the signer certificate besides the certificates the message carries.
  std::vector<Bytes> known_certificates;
  // The SM2 signer ID of the SignerInfo signature.
  std::string sm2_signer_id{kDefaultSm2SignerId};
};

struct VerifiedSignedData {
  Bytes content;
  Bytes signer_certificate_der;
  // The same certificate as decoded for the check, for a caller that reads or checks it further:
  // decoding it again would cost as much as a signature check (see SharedCertificate).
  SharedCertificate signer_certificate;
  std::optional<std::chrono::system_clock::time_point> signing_time;  // when the attribute is there
  SignatureAlgorithm algorithm;
  SignedDataFormat format;
};

// Verifies DER SignedData of either format with exactly one SignerInfo that has signed
// attributes. Throws PkiError: malformed, content_missing, unsupported_algorithm,
// signer_certificate_missing, digest_mismatch, bad_signature, certificate_not_for_signing,
// not_trusted, invalid_argument (detached content given for a message that carries content).
VerifiedSignedData verify_signed_data(ByteView der, const SignedDataVerifyOptions& options = {});

}  // namespace certrenew::pki
