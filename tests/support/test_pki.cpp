#include "test_pki.hpp"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include <array>
#include <stdexcept>
#include <string_view>
#include <system_error>

namespace certrenew::testing {
namespace {

// GM/T 0009 signer ID used by Chinese CAs (OpenSSL 3.0's default is empty).
constexpr std::string_view kSm2SignerId = "1234567812345678";

struct BnDeleter {
  void operator()(BIGNUM* p) const { BN_free(p); }
};
struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
struct ExtDeleter {
  void operator()(X509_EXTENSION* p) const { X509_EXTENSION_free(p); }
};
struct BioDeleter {
  void operator()(BIO* p) const { BIO_free(p); }
};
struct OctetDeleter {
  void operator()(ASN1_OCTET_STRING* p) const { ASN1_OCTET_STRING_free(p); }
};

[[noreturn]] void fail(std::string_view what) {
  std::string message(what);
  if (unsigned long code = ERR_get_error(); code != 0) {
    std::array<char, 256> text{};
    ERR_error_string_n(code, text.data(), text.size());
    message += ": ";
    message += text.data();
  }
  ERR_clear_error();
  throw std::runtime_error("test_pki: " + message);
}

void check(bool ok, std::string_view what) {
  if (!ok) fail(what);
}

bool is_sm2_key(EVP_PKEY* key) {
  if (EVP_PKEY_is_a(key, "SM2")) return true;
  // An EC key on the SM2 curve (as OpenSSL 3.0 loads SM2 keys from certificates) signs as SM2 too.
  std::array<char, 64> group{};
  std::size_t len = 0;
  return EVP_PKEY_is_a(key, "EC") &&
         EVP_PKEY_get_group_name(key, group.data(), group.size(), &len) == 1 &&
         std::string_view(group.data(), len) == "SM2";
}

void set_serial(X509* cert, std::uint64_t serial) {
  if (serial != 0) {
    check(ASN1_INTEGER_set_uint64(X509_get_serialNumber(cert), serial) == 1, "serial");
    return;
  }
  std::unique_ptr<BIGNUM, BnDeleter> bn(BN_new());
  check(bn != nullptr, "BN_new");
  do {
    check(BN_rand(bn.get(), 63, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) == 1, "BN_rand");
  } while (BN_is_zero(bn.get()));
  check(BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert)) != nullptr, "serial");
}

void add_name_entries(X509_NAME* name,
                      const std::vector<std::pair<std::string, std::string>>& entries) {
  for (const auto& [field, value] : entries) {
    check(X509_NAME_add_entry_by_txt(name, field.c_str(), MBSTRING_UTF8,
                                     reinterpret_cast<const unsigned char*>(value.data()),
                                     static_cast<int>(value.size()), -1, 0) == 1,
          "subject attribute " + field);
  }
}

void add_extension(X509* cert, X509V3_CTX* ctx, int nid, const std::string& value) {
  std::unique_ptr<X509_EXTENSION, ExtDeleter> ext(
      X509V3_EXT_nconf_nid(nullptr, ctx, nid, value.c_str()));
  check(ext != nullptr, std::string("extension ") + OBJ_nid2sn(nid) + " = " + value);
  check(X509_add_ext(cert, ext.get(), -1) == 1, "X509_add_ext");
}

void add_extensions(X509* cert, const X509* issuer, const CertSpec& spec) {
  X509V3_CTX ctx;
  // The issuer's own certificate supplies the authority key id; a self-signed one uses itself.
  X509V3_set_ctx(&ctx, issuer != nullptr ? const_cast<X509*>(issuer) : cert, cert, nullptr, nullptr,
                 0);
  if (spec.is_ca) add_extension(cert, &ctx, NID_basic_constraints, "critical,CA:TRUE");
  std::string key_usage = spec.key_usage;
  if (spec.is_ca) key_usage += std::string(key_usage.empty() ? "" : ",") + "keyCertSign,cRLSign";
  if (!key_usage.empty()) add_extension(cert, &ctx, NID_key_usage, "critical," + key_usage);
  if (!spec.extended_key_usage.empty())
    add_extension(cert, &ctx, NID_ext_key_usage, spec.extended_key_usage);
  if (!spec.san.empty()) {
    std::string san;
    for (const auto& entry : spec.san) san += (san.empty() ? "" : ",") + entry;
    add_extension(cert, &ctx, NID_subject_alt_name, san);
  }
  // Subject key id first: a self-signed certificate's authority key id is copied from it.
  add_extension(cert, &ctx, NID_subject_key_identifier, "hash");
  add_extension(cert, &ctx, NID_authority_key_identifier, "keyid:always");
}

void sign(X509* cert, EVP_PKEY* issuer_key) {
  std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> md(EVP_MD_CTX_new());
  check(md != nullptr, "EVP_MD_CTX_new");
  EVP_PKEY_CTX* pctx = nullptr;  // owned by md
  const bool sm2 = is_sm2_key(issuer_key);
  check(
      EVP_DigestSignInit(md.get(), &pctx, sm2 ? EVP_sm3() : EVP_sha256(), nullptr, issuer_key) == 1,
      "EVP_DigestSignInit");
  if (sm2) {
    check(EVP_PKEY_CTX_set1_id(pctx, kSm2SignerId.data(), kSm2SignerId.size()) == 1,
          "EVP_PKEY_CTX_set1_id");
  }
  check(X509_sign_ctx(cert, md.get()) > 0, "X509_sign_ctx");
  if (sm2) {
    // Lets X509_verify() on this very object use the same signer ID.
    std::unique_ptr<ASN1_OCTET_STRING, OctetDeleter> id(ASN1_OCTET_STRING_new());
    check(id != nullptr &&
              ASN1_OCTET_STRING_set(id.get(),
                                    reinterpret_cast<const unsigned char*>(kSm2SignerId.data()),
                                    static_cast<int>(kSm2SignerId.size())) == 1,
          "distinguishing id");
    X509_set0_distinguishing_id(cert, id.release());
  }
}

// What was written to a memory BIO, as text.
std::string text_of(BIO* bio) {
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(len));
}

// An OpenSSL object's DER through its i2d function: the size asked first, then the bytes.
template <typename T>
std::vector<std::uint8_t> der_of(const T* object, int (*i2d)(const T*, unsigned char**),
                                 std::string_view what) {
  const int len = i2d(object, nullptr);
  check(len > 0, what);
  std::vector<std::uint8_t> der(static_cast<std::size_t>(len));
  unsigned char* out = der.data();
  check(i2d(object, &out) == len, what);
  return der;
}

}  // namespace

EvpKey make_key(KeyKind kind) {
  EVP_PKEY* key = nullptr;
  switch (kind) {
    case KeyKind::rsa2048:
      key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(2048));
      break;
    case KeyKind::ec_p256:
      key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
      break;
    case KeyKind::sm2:
      key = EVP_PKEY_Q_keygen(nullptr, nullptr, "SM2");
      break;
  }
  check(key != nullptr, "key generation");
  return EvpKey(key);
}

X509Ptr issue_cert(const CertSpec& spec, EVP_PKEY* subject_key, const X509* issuer,
                   EVP_PKEY* issuer_key) {
  check(subject_key != nullptr && issuer_key != nullptr, "issue_cert needs both keys");
  X509Ptr cert(X509_new());
  check(cert != nullptr, "X509_new");
  check(X509_set_version(cert.get(), X509_VERSION_3) == 1, "version");
  set_serial(cert.get(), spec.serial);
  add_name_entries(X509_get_subject_name(cert.get()), spec.subject);
  check(
      X509_set_issuer_name(cert.get(), issuer != nullptr ? X509_get_subject_name(issuer)
                                                         : X509_get_subject_name(cert.get())) == 1,
      "issuer name");
  using clock = std::chrono::system_clock;
  check(
      ASN1_TIME_set(X509_getm_notBefore(cert.get()), clock::to_time_t(spec.not_before)) != nullptr,
      "notBefore");
  check(ASN1_TIME_set(X509_getm_notAfter(cert.get()), clock::to_time_t(spec.not_after)) != nullptr,
        "notAfter");
  check(X509_set_pubkey(cert.get(), subject_key) == 1, "X509_set_pubkey");
  add_extensions(cert.get(), issuer, spec);
  sign(cert.get(), issuer_key);
  return cert;
}

std::vector<std::uint8_t> cert_der(const X509* cert) {
  return der_of(cert, i2d_X509, "i2d_X509");
}

std::string cert_pem(const X509* cert) {
  std::unique_ptr<BIO, BioDeleter> bio(BIO_new(BIO_s_mem()));
  check(bio != nullptr && PEM_write_bio_X509(bio.get(), cert) == 1, "PEM_write_bio_X509");
  return text_of(bio.get());
}

std::string private_key_pem(const EVP_PKEY* key) {
  std::unique_ptr<BIO, BioDeleter> bio(BIO_new(BIO_s_mem()));
  check(bio != nullptr &&
            PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1,
        "PEM_write_bio_PrivateKey");
  return text_of(bio.get());
}

std::vector<std::uint8_t> spki_der(const EVP_PKEY* key) {
  return der_of(key, i2d_PUBKEY, "i2d_PUBKEY");
}

TempDir::TempDir() {
  const auto base = std::filesystem::temp_directory_path();
  for (int attempt = 0; attempt < 16; ++attempt) {
    std::array<unsigned char, 8> random{};
    check(RAND_bytes(random.data(), static_cast<int>(random.size())) == 1, "RAND_bytes");
    std::string name = "certrenew-test-";
    for (unsigned char b : random) {
      constexpr std::string_view digits = "0123456789abcdef";
      name += digits[b >> 4];
      name += digits[b & 0x0f];
    }
    if (std::filesystem::create_directory(base / name)) {
      path_ = base / name;
      return;
    }
  }
  throw std::runtime_error("test_pki: could not create a temporary directory");
}

TempDir::~TempDir() {
  std::error_code ignored;  // a destructor must not throw; a leftover temp dir is harmless
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace certrenew::testing
