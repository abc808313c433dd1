#pragma once
// Internal steps of turning bytes into a Certificate; each lives in its own file.

#include <openssl/x509.h>

#include <string>
#include <vector>

#include "certrenew/core/x509/certificate.hpp"
#include "x509/ossl_ptr.hpp"

namespace certrenew::x509::detail {

struct DecodedCertificate {
  X509Ptr x509;
  Bytes der;  // the certificate's own bytes
};

// input.cpp: PEM/DER detection and decoding. first_only stops after the first certificate.
std::vector<DecodedCertificate> decode_input(ByteView data, bool first_only);

// names.cpp
DistinguishedName read_name(const X509_NAME* name);
std::string oid_text(const ASN1_OBJECT* object);  // dotted form, "2.5.4.3"
std::string oid_name(const ASN1_OBJECT* object);  // OpenSSL's short name, else the dotted form

// public_key.cpp
PublicKeyInfo read_public_key(const X509* cert);

// extensions.cpp: key usage, EKU, SAN, basic constraints, key identifiers.
void read_extensions(X509* cert, Certificate& out);

// times.cpp: throws CertificateError(bad_field) naming `which` when the time is unusable.
TimePoint read_time(const ASN1_TIME* time, const char* which);

// OpenSSL's most recent error reason as text ("" if none); empties this thread's error queue.
std::string take_openssl_reason();

}  // namespace certrenew::x509::detail
