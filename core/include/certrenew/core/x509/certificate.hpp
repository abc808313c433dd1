#pragma once
// A plain, OpenSSL-free model of an X.509 certificate: everything a certificate viewer shows.
// Parsing never verifies anything (that is core/pki's job); it only reads.

#include <chrono>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "certrenew/core/bytes.hpp"
#include "certrenew/core/time/utc_time.hpp"  // days_left, has_passed: safe for 9999

namespace certrenew::x509 {

// Certificate times in whole seconds (UTC). Seconds, not system_clock's nanoseconds, because
// nanoseconds since 1970 end in 2262 and real certificates say "until 9999-12-31" (RFC 5280
// 4.1.2.5). Functions that take "now" accept any system_clock time and round it down.
using TimePoint = std::chrono::sys_seconds;

// Why a certificate could not be read. The message says it in words for people.
class CertificateError : public std::runtime_error {
 public:
  enum class Kind {
    empty_input,      // nothing (or only whitespace) was given
    too_large,        // more than kMaxCertificateInput bytes
    unknown_format,   // neither PEM nor DER
    wrong_pem_label,  // a PEM block, but not "CERTIFICATE" (e.g. a private key)
    bad_pem,          // "-----BEGIN CERTIFICATE-----" but broken base64 or no END line
    malformed_der,    // the DER does not decode as a certificate (truncated, garbage)
    trailing_data,    // bytes after the end of a DER certificate
    bad_field,        // decodes, but a field is unusable (e.g. an impossible validity time)
  };
  CertificateError(Kind kind, const std::string& message)
      : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

// Input larger than this (to either parse function) is refused before parsing: real certificates
// are a few KiB and a CA bundle a few hundred.
inline constexpr std::size_t kMaxCertificateInput = 1024 * 1024;

// One attribute of a distinguished name, in certificate (DER) order.
struct NameAttribute {
  std::string short_name;  // "CN", "O", "C", ...; the dotted OID when OpenSSL has no name for it
  std::string oid;         // "2.5.4.3"
  std::string value;       // UTF-8 (converted from BMPString/T61String/... as needed)
  std::size_t rdn = 0;     // index of the RDN it belongs to; equal indexes form a multi-valued RDN
  bool operator==(const NameAttribute&) const = default;
};

struct DistinguishedName {
  std::vector<NameAttribute> attributes;  // DER order: usually C first, CN last
  Bytes der;                              // the encoded Name, for exact comparison

  // One line, most specific first as RFC 4514 and OS viewers show it: "CN=胡某, O=某公司, C=CN".
  // ',', '+', '"', '\\', '<', '>', ';' in values are escaped with a backslash.
  std::string display() const;
  // The first value with this short name ("CN"), or empty.
  std::string first(std::string_view short_name) const;
  // Same attributes and values in the same order (ignores string-type differences in the DER).
  bool same_as(const DistinguishedName& other) const;
};

enum class KeyType { rsa, ec_p256, sm2, other };

struct PublicKeyInfo {
  KeyType type = KeyType::other;
  int bits = 0;  // RSA modulus / curve size; 0 when unknown
  std::string
      algorithm_oid;    // of the SubjectPublicKeyInfo: 1.2.840.113549.1.1.1, 1.2.840.10045.2.1
  std::string display;  // "RSA 2048", "EC P-256", "SM2", "EC secp384r1", or the OID
  Bytes spki_der;       // DER SubjectPublicKeyInfo, to compare with a token's key
};

struct SubjectAltName {
  enum class Kind { email, dns, uri, ip, directory_name, other };
  Kind kind = Kind::other;
  std::string value;  // UTF-8 text ("a@b.cn", "x.cn", "192.0.2.1", "CN=..., O=...")
  bool operator==(const SubjectAltName&) const = default;
};

struct Certificate {
  Bytes der;  // exactly the certificate's encoding
  int version = 3;
  std::string serial_hex;  // upper-case hex, no separators, "-" prefix if (wrongly) negative
  DistinguishedName subject;
  DistinguishedName issuer;
  TimePoint not_before;  // UTC, whole seconds
  TimePoint not_after;   // UTC, whole seconds; the certificate is still valid at this instant
  PublicKeyInfo public_key;
  std::string signature_algorithm;      // "sha256WithRSAEncryption", "SM2-with-SM3", ... or OID
  std::string signature_algorithm_oid;  // "1.2.156.10197.1.501"
  // Names as in RFC 5280 ("digitalSignature", "nonRepudiation", ...); empty when absent.
  std::vector<std::string> key_usage;
  // Short names for known OIDs ("clientAuth", "emailProtection"), the dotted OID otherwise.
  std::vector<std::string> extended_key_usage;
  std::vector<SubjectAltName> subject_alt_names;
  bool is_ca = false;                  // basicConstraints cA = TRUE
  std::optional<long> path_length;     // basicConstraints pathLenConstraint
  bool extensions_well_formed = true;  // false if OpenSSL found a broken or duplicate extension
  Bytes sha256_fingerprint;            // over der
  Bytes sm3_fingerprint;               // over der; empty if this OpenSSL has no SM3
  Bytes subject_key_id;                // empty when absent
  Bytes authority_key_id;              // keyIdentifier of the AKI extension; empty when absent

  // subject == issuer (a root or a self-issued certificate).
  bool self_issued() const;
  // Whole days from now until not_after, rounded down; negative once expired.
  long days_left(std::chrono::system_clock::time_point now) const;
};

// Reads one certificate from PEM (any text before "-----BEGIN CERTIFICATE-----" is skipped, the
// first certificate block is used) or DER; the format is detected. Throws CertificateError.
Certificate parse_certificate(ByteView data);
// Reads every certificate of a PEM bundle, or the one DER certificate. Throws CertificateError on
// the first bad block; a bundle with no certificate block throws too.
std::vector<Certificate> parse_certificate_bundle(ByteView data);

// Pretty fingerprint for display: upper-case hex pairs joined by ':'.
std::string format_fingerprint(ByteView digest);

}  // namespace certrenew::x509
