// From a decoded OpenSSL certificate to the plain Certificate model, and its small helpers.

#include "certrenew/core/x509/certificate.hpp"
#include "certrenew/core/x509/decoded_certificate.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>

#include <array>
#include <cstdio>

#include "x509/decode.hpp"

namespace certrenew::x509 {
namespace {

std::string serial_hex(const X509* cert) {
  detail::BignumPtr number(ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr));
  if (number == nullptr) {
    throw CertificateError(CertificateError::Kind::bad_field,
                           "the certificate's serial number is unreadable");
  }
  char* hex = BN_bn2hex(number.get());
  if (hex == nullptr) throw std::bad_alloc();
  detail::OsslMemPtr owner(hex);
  return hex;
}

Bytes digest(ByteView data, const char* algorithm) {
  // Fetched by name so that a build without SM3 yields an empty fingerprint, not a failure.
  EVP_MD* md = EVP_MD_fetch(nullptr, algorithm, nullptr);
  if (md == nullptr) {
    detail::take_openssl_reason();
    return {};
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned int len = 0;
  const bool ok = EVP_Digest(data.data(), data.size(), out.data(), &len, md, nullptr) == 1;
  EVP_MD_free(md);
  if (!ok) {
    detail::take_openssl_reason();
    return {};
  }
  return Bytes(out.begin(), out.begin() + len);
}

void read_signature_algorithm(const X509* cert, Certificate& out) {
  const X509_ALGOR* algorithm = nullptr;
  X509_get0_signature(nullptr, &algorithm, cert);
  const ASN1_OBJECT* object = nullptr;
  if (algorithm != nullptr) X509_ALGOR_get0(&object, nullptr, nullptr, algorithm);
  if (object == nullptr) return;
  out.signature_algorithm_oid = detail::oid_text(object);
  const int nid = OBJ_obj2nid(object);
  const char* name = nid != NID_undef ? OBJ_nid2ln(nid) : nullptr;
  out.signature_algorithm = name != nullptr ? name : out.signature_algorithm_oid;
}

Certificate to_model(detail::DecodedCertificate decoded) {
  X509* cert = decoded.x509.get();
  Certificate out;
  out.der = std::move(decoded.der);
  out.version = static_cast<int>(X509_get_version(cert)) + 1;
  out.serial_hex = serial_hex(cert);
  out.subject = detail::read_name(X509_get_subject_name(cert));
  out.issuer = detail::read_name(X509_get_issuer_name(cert));
  out.not_before = detail::read_time(X509_get0_notBefore(cert), "start of validity (notBefore)");
  out.not_after = detail::read_time(X509_get0_notAfter(cert), "end of validity (notAfter)");
  out.public_key = detail::read_public_key(cert);
  read_signature_algorithm(cert, out);
  detail::read_extensions(cert, out);
  out.sha256_fingerprint = digest(out.der, "SHA256");
  out.sm3_fingerprint = digest(out.der, "SM3");
  return out;
}

// Runs a parse and empties OpenSSL's error queue afterwards: the errors OpenSSL queued while we
// read (and already turned into CertificateError or fallbacks) must not trip the caller's next
// call.
template <typename Fn>
auto with_clean_errors(Fn&& fn) {
  try {
    auto result = fn();
    ERR_clear_error();
    return result;
  } catch (...) {
    ERR_clear_error();
    throw;
  }
}

}  // namespace

Certificate parse_certificate(ByteView data) {
  return with_clean_errors([&] {
    auto decoded = detail::decode_input(data, true);
    return to_model(std::move(decoded.front()));
  });
}

Certificate describe_certificate(X509* certificate) {
  return with_clean_errors([&] {
    if (certificate == nullptr)
      throw CertificateError(CertificateError::Kind::empty_input, "no certificate was given");
    const int size = i2d_X509(certificate, nullptr);  // the bytes it was decoded from
    if (size <= 0 || X509_up_ref(certificate) != 1)
      throw CertificateError(CertificateError::Kind::malformed_der,
                             "the certificate cannot be encoded again");
    detail::DecodedCertificate decoded{detail::X509Ptr(certificate),
                                       Bytes(static_cast<std::size_t>(size))};
    unsigned char* out = decoded.der.data();
    i2d_X509(certificate, &out);
    return to_model(std::move(decoded));
  });
}

std::vector<Certificate> parse_certificate_bundle(ByteView data) {
  return with_clean_errors([&] {
    std::vector<Certificate> out;
    for (auto& decoded : detail::decode_input(data, false)) {
      out.push_back(to_model(std::move(decoded)));
    }
    return out;
  });
}

bool Certificate::self_issued() const {
  return subject.same_as(issuer);
}

long Certificate::days_left(std::chrono::system_clock::time_point now) const {
  return certrenew::days_left(not_after, now);
}

std::string format_fingerprint(ByteView digest) {
  std::string out;
  for (std::uint8_t b : digest) {
    std::array<char, 4> pair{};
    std::snprintf(pair.data(), pair.size(), "%02X", static_cast<unsigned>(b));
    if (!out.empty()) out += ':';
    out += pair.data();
  }
  return out;
}

}  // namespace certrenew::x509
