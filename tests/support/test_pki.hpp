#pragma once
// Test-only PKI: makes keys and certificates at test time so that no key or certificate is ever
// committed. Not part of the product; link the `certrenew-test-pki` target.

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace certrenew::testing {

struct EvpPkeyDeleter {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct X509Deleter {
  void operator()(X509* p) const { X509_free(p); }
};
using EvpKey = std::unique_ptr<EVP_PKEY, EvpPkeyDeleter>;
using X509Ptr = std::unique_ptr<X509, X509Deleter>;

enum class KeyKind { rsa2048, ec_p256, sm2 };

// A fresh key pair. Throws std::runtime_error (with OpenSSL's reason) on failure.
EvpKey make_key(KeyKind kind);

struct CertSpec {
  // Ordered RDNs, e.g. {"CN", "胡某"}, {"O", "某公司"}; values are UTF-8 and encoded as
  // UTF8String (C stays PrintableString as X.520 requires).
  std::vector<std::pair<std::string, std::string>> subject;
  std::chrono::system_clock::time_point not_before, not_after;
  std::uint64_t serial = 0;        // 0 = random 63-bit serial
  bool is_ca = false;              // basicConstraints CA:TRUE + keyCertSign/cRLSign
  std::string key_usage;           // e.g. "digitalSignature,nonRepudiation" (empty = none)
  std::string extended_key_usage;  // e.g. "clientAuth,emailProtection" (empty = none)
  std::vector<std::string> san;    // e.g. {"email:a@b.cn", "DNS:x.cn"}
};

// Issues a v3 certificate for subject_key, signed by issuer_key: SHA-256 for RSA/EC issuers,
// SM3 with the GM/T 0009 signer ID "1234567812345678" for SM2 issuers. issuer == nullptr makes a
// self-signed certificate (issuer_key must then be the subject's own key). Adds subject and
// authority key identifiers. For SM2-signed certificates the returned object also carries the
// signer ID, so X509_verify() on it works; a certificate re-parsed from DER needs
// X509_set0_distinguishing_id() again before verifying.
X509Ptr issue_cert(const CertSpec& spec, EVP_PKEY* subject_key, const X509* issuer,
                   EVP_PKEY* issuer_key);

std::vector<std::uint8_t> cert_der(const X509* cert);
std::string cert_pem(const X509* cert);
// The private key in unencrypted PKCS#8 PEM (as the SKF test double's device files hold it).
std::string private_key_pem(const EVP_PKEY* key);
// DER SubjectPublicKeyInfo of the key's public half.
std::vector<std::uint8_t> spki_der(const EVP_PKEY* key);

// A fresh, empty directory under the system temp dir; removed recursively on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace certrenew::testing
