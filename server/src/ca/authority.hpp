#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "ca/openssl_ptr.hpp"
#include "certrenew/core/signer.hpp"

namespace certrenew::server {

using Clock = std::chrono::system_clock;

class IssuanceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class CaKeyType { rsa3072, ec_p256, sm2 };

// Adds calendar months, keeping the time of day and clamping the day to the month's end
// (31 March + 1 month = 30 April), as people read "24 months later". In whole seconds: a
// certificate time may lie anywhere in 0000-9999, beyond system_clock's nanoseconds (1678-2262).
std::chrono::sys_seconds add_months(std::chrono::sys_seconds t, int months);
Clock::time_point add_months(Clock::time_point t, int months);

// The renewed certificate's validity: from `now` to max(old notAfter, now) + period, so renewing
// early loses no days; never past 9999-12-31T23:59:59Z, the last time X.509 can express.
struct Validity {
  std::chrono::sys_seconds not_before;
  std::chrono::sys_seconds not_after;
};
Validity renewal_validity(std::chrono::sys_seconds old_not_after, Clock::time_point now,
                          int period_months);
Validity renewal_validity(Clock::time_point old_not_after, Clock::time_point now,
                          int period_months);

// The CA that issues renewed certificates. Its key is a file on the server (PEM, owner-only) or
// a key it cannot read, on an HSM, that signs through a certrenew::Signer (issuers/builtin).
class CertificateAuthority {
 public:
  static CertificateAuthority load(const std::filesystem::path& certificate,
                                   const std::filesystem::path& private_key);
  // Makes a new self-signed CA (10 years) and writes it; refuses to overwrite existing files.
  static CertificateAuthority create(CaKeyType type, const std::string& common_name,
                                     const std::string& organization,
                                     const std::filesystem::path& certificate,
                                     const std::filesystem::path& private_key);
  // The same two with the key behind a Signer (an HSM): `signer`'s public key must be the
  // certificate's. create_with_signer writes only the certificate.
  static CertificateAuthority load_with_signer(const std::filesystem::path& certificate,
                                               std::shared_ptr<const Signer> signer);
  static CertificateAuthority create_with_signer(std::shared_ptr<const Signer> signer,
                                                 const std::string& common_name,
                                                 const std::string& organization,
                                                 const std::filesystem::path& certificate);

  // Issues the renewed certificate for the CSR's key: same subject and extension profile as the
  // old certificate (key usage, extended key usage, subject alternative names, policies), a new
  // random 64-bit+ serial, new key identifiers, the validity above.
  std::vector<std::uint8_t> renew(const std::vector<std::uint8_t>& old_cert_der,
                                  const std::vector<std::uint8_t>& csr_der, int period_months,
                                  Clock::time_point now) const;

  // A customer's certificate, as the CA's enrollment issues it (used by `init --demo` and tests):
  // the subject attributes in order (short name, UTF-8 value), key usage, extended key usage and
  // subject alternative names in OpenSSL's configuration syntax.
  struct EndEntityProfile {
    std::vector<std::pair<std::string, std::string>> subject;
    std::string key_usage = "critical,digitalSignature,nonRepudiation";
    std::string extended_key_usage = "clientAuth,emailProtection";
    std::string subject_alt_name;  // e.g. "email:hu@example.cn"; empty = none
  };
  std::vector<std::uint8_t> issue_end_entity(EVP_PKEY* public_key, const EndEntityProfile& profile,
                                             Clock::time_point not_before,
                                             Clock::time_point not_after) const;

  // A certificate for a TLS server (serverAuth, the given DNS names and IP addresses), for demo
  // and test instances whose CA also stands behind the service's TLS.
  std::vector<std::uint8_t> issue_tls_server(EVP_PKEY* server_key,
                                             const std::vector<std::string>& dns_names,
                                             const std::vector<std::string>& ip_addresses,
                                             Clock::time_point now) const;

  // Issue 21 (ca/encryption_certificate.cpp): the encryption certificate of an SM2
  // dual-certificate holder for `encryption_key` (the KMC made it): the subject, validity, subject
  // alternative names and policies of the holder's new signing certificate `signing_cert_der`;
  // keyUsage critical keyEncipherment, dataEncipherment; no extended key usage.
  std::vector<std::uint8_t> issue_encryption_certificate(
      const std::vector<std::uint8_t>& signing_cert_der, EVP_PKEY* encryption_key) const;

  // The CRL distribution point (a URL) put in every certificate this CA issues; empty: none.
  void set_crl_distribution_point(std::string url) { crl_url_ = std::move(url); }
  const std::string& crl_distribution_point() const { return crl_url_; }

  const std::vector<std::uint8_t>& certificate_der() const { return cert_der_; }
  X509* certificate() const { return cert_.get(); }
  // The private key when it is a file; null when it lives on an HSM.
  EVP_PKEY* key() const { return key_.get(); }

  // Signs a CRL built by make_crl (ca/crl.cpp) and returns its DER.
  std::vector<std::uint8_t> sign_crl(X509_CRL* crl) const;

 private:
  CertificateAuthority(X509Ptr cert, PkeyPtr key);
  CertificateAuthority(X509Ptr cert, std::shared_ptr<const Signer> signer);
  std::vector<std::uint8_t> sign(X509* cert) const;  // returns the certificate's DER
  void add_crl_distribution_point(X509* cert) const;

  X509Ptr cert_;
  PkeyPtr key_;                           // a key file's key, or
  std::shared_ptr<const Signer> signer_;  // a key on an HSM
  std::vector<std::uint8_t> cert_der_;
  std::string crl_url_;
};

// Signs a certificate with SHA-256, or SM3 with the GM/T 0009 signer ID for an SM2 key.
void sign_with(EVP_PKEY* key, X509* cert);
// The digest-sign context sign_with uses, for other signed objects (CRLs).
MdCtxPtr signing_context(EVP_PKEY* key);

// Certificate building blocks shared by ca/*.cpp: a random positive serial of at least 64 bits,
// and an extension in OpenSSL's configuration syntax (issuer = the signing CA's certificate).
void set_random_serial(X509* cert);
void add_extension(X509* cert, X509* issuer, int nid, const char* value);

// Key generation and PEM files shared by init and tests.
PkeyPtr generate_key(CaKeyType type);
void write_private_key_pem(const std::filesystem::path& file,
                           EVP_PKEY* key);  // mode 0600, no overwrite
void write_certificate_pem(const std::filesystem::path& file, X509* cert);  // no overwrite
X509Ptr read_certificate(const std::filesystem::path& file);                // PEM or DER
std::vector<std::uint8_t> der_of(X509* cert);
X509Ptr parse_certificate_der(const std::vector<std::uint8_t>& der);

}  // namespace certrenew::server
