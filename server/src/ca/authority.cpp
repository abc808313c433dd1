#include "ca/authority.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>

#include "ca/der.hpp"
#include "ca/external_signature.hpp"
#include "ca/key_identity.hpp"
#include "certrenew/core/pki/error.hpp"
#include "certrenew/core/pki/public_key_info.hpp"

namespace certrenew::server {

namespace {

[[noreturn]] void fail(const std::string& what) {
  unsigned long code = ERR_get_error();
  std::string detail;
  if (code != 0) {
    char buf[256];
    ERR_error_string_n(code, buf, sizeof buf);
    detail = std::string(": ") + buf;
  }
  ERR_clear_error();
  throw IssuanceError(what + detail);
}

bool is_sm2(const EVP_PKEY* key) {
  return EVP_PKEY_is_a(key, "SM2") == 1;
}

void set_time(ASN1_TIME* field, std::chrono::sys_seconds t) {
  if (!ASN1_TIME_set(field, static_cast<time_t>(t.time_since_epoch().count())))
    fail("cannot set a certificate time");
}
void set_time(ASN1_TIME* field, Clock::time_point t) {
  set_time(field, std::chrono::floor<std::chrono::seconds>(t));
}

// In whole seconds: "until 9999" does not fit system_clock's nanoseconds.
std::chrono::sys_seconds get_time(const ASN1_TIME* field) {
  struct tm tm {};
  if (ASN1_TIME_to_tm(field, &tm) != 1) fail("the certificate has an unreadable time");
  using namespace std::chrono;
  auto day = sys_days(year{tm.tm_year + 1900} / month{static_cast<unsigned>(tm.tm_mon + 1)} /
                      std::chrono::day{static_cast<unsigned>(tm.tm_mday)});
  return day + hours{tm.tm_hour} + minutes{tm.tm_min} + seconds{tm.tm_sec};
}

// Opens a new file for writing; refuses to replace an existing one. Private files get mode 0600
// before anything is written into them.
std::ofstream create_new_file(const std::filesystem::path& file, bool owner_only) {
  namespace fs = std::filesystem;
  if (fs::exists(file)) throw IssuanceError(file.string() + " exists already; not overwritten");
  if (file.has_parent_path()) fs::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary);
  if (!out) throw IssuanceError("cannot create " + file.string());
  if (owner_only) fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write);
  return out;
}

std::string pem_of(int (*writer)(BIO*, void*), void* object) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  if (!bio || writer(bio.get(), object) != 1) fail("cannot encode PEM");
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

int write_key_pem(BIO* bio, void* key) {
  return PEM_write_bio_PrivateKey(bio, static_cast<EVP_PKEY*>(key), nullptr, nullptr, 0, nullptr,
                                  nullptr);
}
int write_cert_pem(BIO* bio, void* cert) {
  return PEM_write_bio_X509(bio, static_cast<X509*>(cert));
}

// The extensions a renewed certificate inherits from the one it replaces. Key identifiers are made
// afresh; issuer-specific ones (CRL, AIA) come from the CA, not from the old certificate.
constexpr std::array kInheritedExtensions{NID_key_usage, NID_ext_key_usage, NID_subject_alt_name,
                                          NID_certificate_policies, NID_basic_constraints};

}  // namespace

void set_random_serial(X509* cert) {
  std::array<unsigned char, 16> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) fail("no random serial");
  bytes[0] &= 0x7f;  // positive
  bytes[0] |= 0x40;  // and never shorter than 15 bytes: at least 64 bits of randomness remain
  BnPtr bn(BN_bin2bn(bytes.data(), static_cast<int>(bytes.size()), nullptr));
  if (!bn || !BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert))) fail("cannot set serial");
}

void add_extension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509ExtPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
  if (!ext || !X509_add_ext(cert, ext.get(), -1))
    fail(std::string("cannot add extension ") + OBJ_nid2sn(nid) + "=" + value);
}

std::chrono::sys_seconds add_months(std::chrono::sys_seconds t, int months) {
  using namespace std::chrono;
  auto day_start = floor<days>(t);
  auto time_of_day = t - day_start;
  year_month_day ymd{day_start};
  year_month ym = ymd.year() / ymd.month();
  ym += std::chrono::months{months};
  auto last = year_month_day_last(ym / last_spec{}).day();
  auto d = std::min(ymd.day(), last);
  return sys_days(ym / d) + time_of_day;
}

Clock::time_point add_months(Clock::time_point t, int months) {
  const auto whole = std::chrono::floor<std::chrono::seconds>(t);
  return add_months(whole, months) + (t - whole);
}

Validity renewal_validity(std::chrono::sys_seconds old_not_after, Clock::time_point now,
                          int period_months) {
  // 9999-12-31T23:59:59Z (RFC 5280 4.1.2.5: no well-defined expiration).
  constexpr std::chrono::sys_seconds kLastX509Time{std::chrono::seconds{253402300799}};
  const auto from = std::chrono::floor<std::chrono::seconds>(now);
  const auto base = std::max(old_not_after, from);
  // A base before 10000 plus fewer than 10,000 years stays inside chrono's calendar (±32767).
  if (period_months > 12 * 10'000) return {from, kLastX509Time};
  return {from, std::min(kLastX509Time, add_months(base, period_months))};
}

Validity renewal_validity(Clock::time_point old_not_after, Clock::time_point now,
                          int period_months) {
  return renewal_validity(std::chrono::floor<std::chrono::seconds>(old_not_after), now,
                          period_months);
}

CertificateAuthority::CertificateAuthority(X509Ptr cert, PkeyPtr key)
    : cert_(std::move(cert)), key_(std::move(key)), cert_der_(der_of(cert_.get())) {
  if (X509_check_private_key(cert_.get(), key_.get()) != 1)
    fail("the CA private key does not belong to the CA certificate");
}

CertificateAuthority CertificateAuthority::load(const std::filesystem::path& certificate,
                                                const std::filesystem::path& private_key) {
  X509Ptr cert = read_certificate(certificate);
  std::unique_ptr<FILE, decltype(&fclose)> f(fopen(private_key.string().c_str(), "rb"), fclose);
  if (!f) throw IssuanceError("cannot read the CA key " + private_key.string());
  PkeyPtr key(PEM_read_PrivateKey(f.get(), nullptr, nullptr, nullptr));
  if (!key) fail("the CA key " + private_key.string() + " is not a PEM private key");
  return CertificateAuthority(std::move(cert), std::move(key));
}

namespace {

// A self-signed CA certificate (10 years) for `public_key`, not yet signed.
X509Ptr ca_certificate_template(EVP_PKEY* public_key, const std::string& common_name,
                                const std::string& organization) {
  X509Ptr cert(X509_new());
  if (!cert || !X509_set_version(cert.get(), X509_VERSION_3)) fail("cannot make a certificate");
  set_random_serial(cert.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  auto add = [&](const char* field, const std::string& value) {
    if (!value.empty() && !X509_NAME_add_entry_by_txt(
                              name, field, MBSTRING_UTF8,
                              reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1, 0))
      fail(std::string("cannot set ") + field);
  };
  add("C", "CN");
  add("O", organization);
  add("CN", common_name);
  X509_set_issuer_name(cert.get(), name);
  auto now = Clock::now();
  set_time(X509_getm_notBefore(cert.get()), now - std::chrono::hours(1));
  set_time(X509_getm_notAfter(cert.get()), add_months(now, 120));
  if (!X509_set_pubkey(cert.get(), public_key)) fail("cannot set the CA public key");
  add_extension(cert.get(), cert.get(), NID_basic_constraints, "critical,CA:TRUE");
  add_extension(cert.get(), cert.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
  add_extension(cert.get(), cert.get(), NID_subject_key_identifier, "hash");
  add_extension(cert.get(), cert.get(), NID_authority_key_identifier, "keyid:always");
  return cert;
}

PkeyPtr public_key_of(const Signer& signer) {
  const Bytes spki = signer.public_key_spki();
  const unsigned char* p = spki.data();
  PkeyPtr key(d2i_PUBKEY(nullptr, &p, static_cast<long>(spki.size())));
  if (!key || p != spki.data() + spki.size()) fail("the CA key's public half does not parse");
  return key;
}

}  // namespace

CertificateAuthority::CertificateAuthority(X509Ptr cert, std::shared_ptr<const Signer> signer)
    : cert_(std::move(cert)), signer_(std::move(signer)), cert_der_(der_of(cert_.get())) {
  if (!signer_) throw IssuanceError("the CA has no key");
  PkeyPtr token_key = public_key_of(*signer_);
  if (EVP_PKEY_eq(X509_get0_pubkey(cert_.get()), token_key.get()) != 1)
    fail("the CA key on the token does not belong to the CA certificate");
}

CertificateAuthority CertificateAuthority::create(CaKeyType type, const std::string& common_name,
                                                  const std::string& organization,
                                                  const std::filesystem::path& certificate,
                                                  const std::filesystem::path& private_key) {
  namespace fs = std::filesystem;
  if (fs::exists(certificate) || fs::exists(private_key))
    throw IssuanceError("a CA exists already at " + certificate.string() + "; not overwritten");
  PkeyPtr key = generate_key(type);
  X509Ptr cert = ca_certificate_template(key.get(), common_name, organization);
  sign_with(key.get(), cert.get());
  CertificateAuthority ca(std::move(cert), std::move(key));
  write_private_key_pem(private_key, ca.key_.get());
  write_certificate_pem(certificate, ca.cert_.get());
  return ca;
}

CertificateAuthority CertificateAuthority::load_with_signer(
    const std::filesystem::path& certificate, std::shared_ptr<const Signer> signer) {
  return CertificateAuthority(read_certificate(certificate), std::move(signer));
}

CertificateAuthority CertificateAuthority::create_with_signer(
    std::shared_ptr<const Signer> signer, const std::string& common_name,
    const std::string& organization, const std::filesystem::path& certificate) {
  if (std::filesystem::exists(certificate))
    throw IssuanceError("a CA exists already at " + certificate.string() + "; not overwritten");
  if (!signer) throw IssuanceError("the CA has no key");
  PkeyPtr public_key = public_key_of(*signer);
  X509Ptr draft = ca_certificate_template(public_key.get(), common_name, organization);
  X509Ptr cert =
      parse_certificate_der(sign_certificate_externally(draft.get(), *signer, public_key.get()));
  CertificateAuthority ca(std::move(cert), std::move(signer));
  write_certificate_pem(certificate, ca.cert_.get());
  return ca;
}

std::vector<std::uint8_t> CertificateAuthority::sign(X509* cert) const {
  if (signer_) return sign_certificate_externally(cert, *signer_, X509_get0_pubkey(cert_.get()));
  sign_with(key_.get(), cert);
  return der_of(cert);
}

std::vector<std::uint8_t> CertificateAuthority::sign_crl(X509_CRL* crl) const {
  if (signer_) return sign_crl_externally(crl, *signer_, X509_get0_pubkey(cert_.get()));
  MdCtxPtr md = signing_context(key_.get());
  if (X509_CRL_sign_ctx(crl, md.get()) <= 0) fail("the CA could not sign the CRL");
  auto der = to_der<X509_CRL, i2d_X509_CRL>(crl);
  if (der.empty()) fail("cannot encode the CRL");
  return der;
}

void CertificateAuthority::add_crl_distribution_point(X509* cert) const {
  if (crl_url_.empty()) return;
  const std::string value = "URI:" + crl_url_;
  add_extension(cert, cert_.get(), NID_crl_distribution_points, value.c_str());
}

void sign_with(EVP_PKEY* key, X509* cert) {
  MdCtxPtr md = signing_context(key);
  if (X509_sign_ctx(cert, md.get()) <= 0) fail("the CA could not sign");
}

MdCtxPtr signing_context(EVP_PKEY* key) {
  MdCtxPtr md(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;  // owned by md
  const EVP_MD* digest = is_sm2(key) ? EVP_sm3() : EVP_sha256();
  if (!md || EVP_DigestSignInit(md.get(), &pctx, digest, nullptr, key) != 1)
    fail("cannot start signing");
  if (is_sm2(key)) {
    static constexpr char kId[] = "1234567812345678";  // GM/T 0009 default signer ID
    if (EVP_PKEY_CTX_set1_id(pctx, kId, sizeof kId - 1) != 1) fail("cannot set the SM2 ID");
  }
  return md;
}

std::vector<std::uint8_t> CertificateAuthority::renew(const std::vector<std::uint8_t>& old_cert_der,
                                                      const std::vector<std::uint8_t>& csr_der,
                                                      int period_months,
                                                      Clock::time_point now) const {
  if (period_months <= 0) throw IssuanceError("the renewal period must be positive");
  X509Ptr old = parse_certificate_der(old_cert_der);
  const unsigned char* p = csr_der.data();
  X509ReqPtr csr(d2i_X509_REQ(nullptr, &p, static_cast<long>(csr_der.size())));
  if (!csr) fail("the certificate request is not DER PKCS#10");
  EVP_PKEY* new_key = X509_REQ_get0_pubkey(csr.get());
  if (!new_key) fail("the certificate request has no public key");
  if (X509_get_ext_by_NID(old.get(), NID_basic_constraints, -1) >= 0 &&
      X509_check_ca(old.get()) != 0)
    throw IssuanceError(
        "the old certificate is a CA certificate; only end-entity certificates renew");

  X509Ptr cert(X509_new());
  if (!cert || !X509_set_version(cert.get(), X509_VERSION_3)) fail("cannot make a certificate");
  set_random_serial(cert.get());
  if (!X509_set_subject_name(cert.get(), X509_get_subject_name(old.get())) ||
      !X509_set_issuer_name(cert.get(), X509_get_subject_name(cert_.get())))
    fail("cannot set the names");
  Validity v = renewal_validity(get_time(X509_get0_notAfter(old.get())), now, period_months);
  set_time(X509_getm_notBefore(cert.get()), v.not_before);
  set_time(X509_getm_notAfter(cert.get()), v.not_after);
  // The key as the CA certifies it: canonical encoding (named curve, uncompressed point,
  // rsaEncryption), whatever encoding the request used.
  // Set as its encoding (pki::set_public_key_info): X509_set_pubkey would decode it again.
  try {
    pki::set_public_key_info(X509_get_X509_PUBKEY(cert.get()), canonical_spki(new_key));
  } catch (const std::invalid_argument& e) {
    throw IssuanceError("the request's key: " + std::string(e.what()));
  } catch (const pki::PkiError& e) {
    throw IssuanceError(std::string("the request's key: ") + e.what());
  }

  for (int nid : kInheritedExtensions) {
    int at = X509_get_ext_by_NID(old.get(), nid, -1);
    if (at < 0) continue;
    if (!X509_add_ext(cert.get(), X509_get_ext(old.get(), at), -1))
      fail("cannot copy an extension");
  }
  add_extension(cert.get(), cert_.get(), NID_subject_key_identifier, "hash");
  add_extension(cert.get(), cert_.get(), NID_authority_key_identifier, "keyid:always");
  add_crl_distribution_point(cert.get());
  return sign(cert.get());
}

std::vector<std::uint8_t> CertificateAuthority::issue_end_entity(
    EVP_PKEY* public_key, const EndEntityProfile& profile, Clock::time_point not_before,
    Clock::time_point not_after) const {
  if (profile.subject.empty()) throw IssuanceError("a certificate needs a subject");
  X509Ptr cert(X509_new());
  if (!cert || !X509_set_version(cert.get(), X509_VERSION_3)) fail("cannot make a certificate");
  set_random_serial(cert.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  for (const auto& [field, value] : profile.subject) {
    // C is a PrintableString by definition; everything else goes in as UTF8String.
    if (!X509_NAME_add_entry_by_txt(
            name, field.c_str(), field == "C" ? V_ASN1_PRINTABLESTRING : MBSTRING_UTF8,
            reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1, 0))
      fail("cannot set " + field + " in the subject");
  }
  X509_set_issuer_name(cert.get(), X509_get_subject_name(cert_.get()));
  set_time(X509_getm_notBefore(cert.get()), not_before);
  set_time(X509_getm_notAfter(cert.get()), not_after);
  if (!X509_set_pubkey(cert.get(), public_key)) fail("cannot set the public key");
  add_extension(cert.get(), cert_.get(), NID_basic_constraints, "critical,CA:FALSE");
  if (!profile.key_usage.empty())
    add_extension(cert.get(), cert_.get(), NID_key_usage, profile.key_usage.c_str());
  if (!profile.extended_key_usage.empty())
    add_extension(cert.get(), cert_.get(), NID_ext_key_usage, profile.extended_key_usage.c_str());
  if (!profile.subject_alt_name.empty())
    add_extension(cert.get(), cert_.get(), NID_subject_alt_name, profile.subject_alt_name.c_str());
  add_extension(cert.get(), cert_.get(), NID_subject_key_identifier, "hash");
  add_extension(cert.get(), cert_.get(), NID_authority_key_identifier, "keyid:always");
  add_crl_distribution_point(cert.get());
  return sign(cert.get());
}

std::vector<std::uint8_t> CertificateAuthority::issue_tls_server(
    EVP_PKEY* server_key, const std::vector<std::string>& dns_names,
    const std::vector<std::string>& ip_addresses, Clock::time_point now) const {
  if (dns_names.empty() && ip_addresses.empty())
    throw IssuanceError("a TLS certificate needs at least one name or address");
  X509Ptr cert(X509_new());
  if (!cert || !X509_set_version(cert.get(), X509_VERSION_3)) fail("cannot make a certificate");
  set_random_serial(cert.get());
  std::string cn = dns_names.empty() ? ip_addresses.front() : dns_names.front();
  X509_NAME* name = X509_get_subject_name(cert.get());
  if (!X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                  reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0))
    fail("cannot set the TLS certificate name");
  X509_set_issuer_name(cert.get(), X509_get_subject_name(cert_.get()));
  set_time(X509_getm_notBefore(cert.get()), now - std::chrono::hours(1));
  set_time(X509_getm_notAfter(cert.get()), now + std::chrono::days(825));
  if (!X509_set_pubkey(cert.get(), server_key)) fail("cannot set the TLS public key");
  std::string san;
  for (const auto& d : dns_names) san += (san.empty() ? "" : ",") + std::string("DNS:") + d;
  for (const auto& ip : ip_addresses) san += (san.empty() ? "" : ",") + std::string("IP:") + ip;
  add_extension(cert.get(), cert_.get(), NID_basic_constraints, "critical,CA:FALSE");
  add_extension(cert.get(), cert_.get(), NID_key_usage,
                "critical,digitalSignature,keyEncipherment");
  add_extension(cert.get(), cert_.get(), NID_ext_key_usage, "serverAuth");
  add_extension(cert.get(), cert_.get(), NID_subject_alt_name, san.c_str());
  add_extension(cert.get(), cert_.get(), NID_subject_key_identifier, "hash");
  add_extension(cert.get(), cert_.get(), NID_authority_key_identifier, "keyid:always");
  return sign(cert.get());
}

PkeyPtr generate_key(CaKeyType type) {
  PkeyPtr key;
  switch (type) {
    case CaKeyType::rsa3072:
      key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{3072}));
      break;
    case CaKeyType::ec_p256:
      key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
      break;
    case CaKeyType::sm2:
      key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "SM2"));
      break;
  }
  if (!key) fail("key generation failed");
  return key;
}

void write_private_key_pem(const std::filesystem::path& file, EVP_PKEY* key) {
  std::string pem = pem_of(write_key_pem, key);
  auto out = create_new_file(file, true);
  out << pem;
  OPENSSL_cleanse(pem.data(), pem.size());
  if (!out.flush()) throw IssuanceError("cannot write " + file.string());
}

void write_certificate_pem(const std::filesystem::path& file, X509* cert) {
  auto out = create_new_file(file, false);
  out << pem_of(write_cert_pem, cert);
  if (!out.flush()) throw IssuanceError("cannot write " + file.string());
}

X509Ptr read_certificate(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw IssuanceError("cannot read the certificate " + file.string());
  std::vector<std::uint8_t> data((std::istreambuf_iterator<char>(in)), {});
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(data.data(), static_cast<int>(data.size())), BIO_free);
  X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (cert) return cert;
  ERR_clear_error();
  return parse_certificate_der(data);
}

std::vector<std::uint8_t> der_of(X509* cert) {
  auto der = to_der<X509, i2d_X509>(cert);
  if (der.empty()) fail("cannot encode the certificate");
  return der;
}

X509Ptr parse_certificate_der(const std::vector<std::uint8_t>& der) {
  X509Ptr cert = from_whole_der<X509, d2i_X509, X509_free>(der);
  if (!cert) fail("not a DER X.509 certificate");
  return cert;
}

}  // namespace certrenew::server
