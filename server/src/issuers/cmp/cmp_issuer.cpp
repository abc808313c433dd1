#include "issuers/cmp/cmp_issuer.hpp"

#include <openssl/cmp.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <spdlog/spdlog.h>

#include <fstream>
#include <iterator>

#include "ca/key_identity.hpp"
#include "certrenew/core/secure_buffer.hpp"

namespace certrenew::server {

namespace {

using CmpCtxPtr = ossl::Ptr<OSSL_CMP_CTX, OSSL_CMP_CTX_free>;

std::string openssl_errors() {
  std::string out;
  while (unsigned long code = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(code, buf, sizeof buf);
    out += (out.empty() ? "" : "; ") + std::string(buf);
  }
  return out;
}

std::vector<X509Ptr> read_certificates(const std::filesystem::path& file, const char* key) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw std::runtime_error(std::string("config.issuer.") + key + ": cannot read " +
                             file.string());
  std::string data((std::istreambuf_iterator<char>(in)), {});
  ossl::BioPtr bio(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
  std::vector<X509Ptr> certs;
  while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr))
    certs.emplace_back(cert);
  ERR_clear_error();
  if (certs.empty()) {
    try {
      certs.push_back(read_certificate(file));  // one DER certificate
    } catch (const IssuanceError&) {
      throw std::runtime_error(std::string("config.issuer.") + key + ": " + file.string() +
                               " holds no certificate");
    }
  }
  return certs;
}

// Hands CMP's own log lines to the service's log (OpenSSL would print them to stderr).
int log_to_spdlog(const char* func, const char*, int, OSSL_CMP_severity level, const char* msg) {
  if (level <= OSSL_CMP_LOG_ERR)
    spdlog::warn("CMP {}: {}", func ? func : "", msg);
  else
    spdlog::debug("CMP {}: {}", func ? func : "", msg);
  return 1;
}

// config.issuer.server, taken apart: http[s]://host[:port]/path (checked when the configuration
// was read).
struct ServerUrl {
  bool https = false;
  std::string host;
  int port = 80;
  std::string path;
};

ServerUrl parse_server(const std::string& url) {
  ServerUrl u;
  u.https = url.rfind("https://", 0) == 0;
  const std::string rest = url.substr(u.https ? 8 : 7);
  const auto slash = rest.find('/');
  const std::string authority = rest.substr(0, slash);
  u.path = slash == std::string::npos ? "/" : rest.substr(slash);
  const auto colon = authority.rfind(':');
  u.host = colon == std::string::npos ? authority : authority.substr(0, colon);
  u.port = u.https ? 443 : 80;
  if (colon != std::string::npos) {
    try {
      u.port = std::stoi(authority.substr(colon + 1));
    } catch (const std::exception&) {
      throw std::runtime_error("config.issuer.server: the port is not a number");
    }
  }
  return u;
}

}  // namespace

struct CmpIssuer::Credentials {
  X509Ptr ca;
  std::vector<X509Ptr> trust;  // what the CMP server's protection is checked against
  X509Ptr ra_certificate;      // signature protection, or
  PkeyPtr ra_key;
  SecureBuffer mac_secret;  // MAC protection
};

CmpIssuer::CmpIssuer(const CmpConfig& config) : config_(config) {
  auto c = std::make_shared<Credentials>();
  auto ca = read_certificates(config.ca_certificate, "ca_certificate");
  c->ca = std::move(ca.front());
  ca_der_ = der_of(c->ca.get());
  c->trust = read_certificates(config.server_trust, "server_trust");
  if (!config.ra_certificate.empty()) {
    c->ra_certificate =
        std::move(read_certificates(config.ra_certificate, "ra_certificate").front());
    std::unique_ptr<FILE, decltype(&fclose)> f(fopen(config.ra_private_key.c_str(), "rb"), fclose);
    if (f) c->ra_key.reset(PEM_read_PrivateKey(f.get(), nullptr, nullptr, nullptr));
    ERR_clear_error();
    if (!c->ra_key)
      throw std::runtime_error("config.issuer.ra_private_key: " + config.ra_private_key.string() +
                               " is not a readable PEM private key");
    if (X509_check_private_key(c->ra_certificate.get(), c->ra_key.get()) != 1) {
      ERR_clear_error();
      throw std::runtime_error(
          "config.issuer.ra_private_key does not belong to config.issuer.ra_certificate");
    }
  } else {
    std::ifstream in(config.mac_secret_file);
    std::string line;
    if (!in || !std::getline(in, line) || line.empty())
      throw std::runtime_error("config.issuer.mac_secret_file: cannot read " +
                               config.mac_secret_file.string());
    c->mac_secret = SecureBuffer(line);
    OPENSSL_cleanse(line.data(), line.size());
  }
  credentials_ = std::move(c);
  const ServerUrl url = parse_server(config.server);
  if (url.https) tls_ = std::make_unique<CmpTls>(config.tls_trust, url.host);
}

namespace {

// A client context for one exchange: server, timeouts, trust, recipient and protection.
CmpCtxPtr new_context(const CmpConfig& config, const CmpIssuer::Credentials& c, CmpTls* tls) {
  CmpCtxPtr ctx(OSSL_CMP_CTX_new(nullptr, nullptr));
  if (!ctx) throw IssuanceError("cannot make a CMP context");
  const ServerUrl url = parse_server(config.server);
  const std::string& host = url.host;
  const int port = url.port;
  const std::string& path = url.path;
  if (tls && !tls->attach(ctx.get())) throw IssuanceError("cannot set up TLS for CMP");
  X509_STORE* store = X509_STORE_new();
  bool ok = store != nullptr;
  for (const auto& cert : c.trust) ok = ok && X509_STORE_add_cert(store, cert.get()) == 1;
  if (!ok) {
    X509_STORE_free(store);
    throw IssuanceError("cannot set up the CMP server's trust");
  }
  ok = OSSL_CMP_CTX_set_log_cb(ctx.get(), log_to_spdlog) == 1 &&
       OSSL_CMP_CTX_set1_server(ctx.get(), host.c_str()) == 1 &&
       OSSL_CMP_CTX_set_serverPort(ctx.get(), port) == 1 &&
       OSSL_CMP_CTX_set1_serverPath(ctx.get(), path.c_str()) == 1 &&
       OSSL_CMP_CTX_set_option(ctx.get(), OSSL_CMP_OPT_MSG_TIMEOUT,
                               config.message_timeout_seconds) == 1 &&
       OSSL_CMP_CTX_set_option(ctx.get(), OSSL_CMP_OPT_TOTAL_TIMEOUT,
                               config.total_timeout_seconds) == 1 &&
       OSSL_CMP_CTX_set0_trustedStore(ctx.get(), store) == 1 &&
       OSSL_CMP_CTX_set1_recipient(ctx.get(), X509_get_subject_name(c.ca.get())) == 1;
  if (!ok) throw IssuanceError("cannot set up the CMP client: " + openssl_errors());
  if (c.ra_certificate) {
    ok = OSSL_CMP_CTX_set1_cert(ctx.get(), c.ra_certificate.get()) == 1 &&
         OSSL_CMP_CTX_set1_pkey(ctx.get(), c.ra_key.get()) == 1;
  } else {
    const auto secret = c.mac_secret.bytes();
    ok = OSSL_CMP_CTX_set1_referenceValue(
             ctx.get(), reinterpret_cast<const unsigned char*>(config.mac_reference.data()),
             static_cast<int>(config.mac_reference.size())) == 1 &&
         OSSL_CMP_CTX_set1_secretValue(ctx.get(), secret.data(), static_cast<int>(secret.size())) ==
             1;
  }
  if (!ok) throw IssuanceError("cannot set the CMP protection: " + openssl_errors());
  return ctx;
}

// Why an exchange failed, and whether asking again could help: the CA's rejection (of the
// request, or of the RA's protection) and a certificate this client would not accept are final;
// no answer, a timeout or a transport error are not. Drains OpenSSL's error queue.
struct Failure {
  std::string text;
  bool final = false;
};

Failure failure(OSSL_CMP_CTX* ctx, const char* what) {
  Failure f;
  for (unsigned long code = ERR_peek_error(); code != 0; code = ERR_peek_error()) {
    if (ERR_GET_LIB(code) == ERR_LIB_CMP && ERR_GET_REASON(code) == CMP_R_CERTIFICATE_NOT_ACCEPTED)
      f.final = true;
    break;
  }
  char status[512] = "";
  const std::string detail = openssl_errors();
  f.text = std::string("the CA did not ") + what;
  if (OSSL_CMP_CTX_get_status(ctx) >= 0) {
    f.final = f.final || OSSL_CMP_CTX_get_status(ctx) == OSSL_CMP_PKISTATUS_rejection;
    if (OSSL_CMP_CTX_snprint_PKIStatus(ctx, status, sizeof status))
      f.text += ": " + std::string(status);
  }
  if (!detail.empty()) f.text += " (" + detail + ")";
  return f;
}

[[noreturn]] void throw_failure(const Failure& f) {
  if (f.final) throw IssuerRefusal(f.text);
  throw IssuanceError(f.text);
}

}  // namespace

void CmpIssuer::remember(bool ok, const std::string& reason) {
  std::lock_guard lock(mutex_);
  last_ = {ok, ok ? std::string() : reason};
}

IssuerHealth CmpIssuer::health() {
  std::lock_guard lock(mutex_);
  return last_;
}

std::vector<std::uint8_t> CmpIssuer::issue(const IssueRequest& request) {
  ERR_clear_error();
  const unsigned char* p = request.csr_der.data();
  X509ReqPtr csr(d2i_X509_REQ(nullptr, &p, static_cast<long>(request.csr_der.size())));
  if (!csr) throw IssuanceError("the certificate request is not DER PKCS#10");
  X509Ptr old = parse_certificate_der(request.old_certificate_der);
  CmpCtxPtr ctx = new_context(config_, *credentials_, tls_.get());

  X509* issued = nullptr;
  if (config_.key_update) {
    // kur: the RA vouches for the proof of possession it verified (the CSR's signature at
    // intake), as the applicant's new private key is on their token, not here.
    EVP_PKEY* new_key = X509_REQ_get0_pubkey(csr.get());
    if (!new_key || !EVP_PKEY_up_ref(new_key) ||
        OSSL_CMP_CTX_set0_newPkey(ctx.get(), 0, new_key) != 1 ||
        OSSL_CMP_CTX_set1_oldCert(ctx.get(), old.get()) != 1 ||
        OSSL_CMP_CTX_set1_subjectName(ctx.get(), X509_REQ_get_subject_name(csr.get())) != 1 ||
        OSSL_CMP_CTX_set_option(ctx.get(), OSSL_CMP_OPT_POPO_METHOD, OSSL_CRMF_POPO_RAVERIFIED) !=
            1)
      throw IssuanceError("cannot prepare the key update request: " + openssl_errors());
    issued = OSSL_CMP_exec_KUR_ses(ctx.get());
  } else {
    if (OSSL_CMP_CTX_set1_p10CSR(ctx.get(), csr.get()) != 1)
      throw IssuanceError("cannot prepare the p10cr: " + openssl_errors());
    issued = OSSL_CMP_exec_P10CR_ses(ctx.get());
  }
  if (issued == nullptr) {
    const Failure why = failure(ctx.get(), "issue the certificate");
    // A refusal is about this request; the CA itself answered, so it counts as healthy.
    remember(why.final, "CMP with " + config_.server + ": " + why.text);
    throw_failure(why);
  }
  remember(true, "");

  // What the CA sent is checked like anything from the network: it chains to the configured CA
  // and certifies exactly the key the applicant asked for, under the old certificate's subject.
  std::vector<std::uint8_t> der = der_of(issued);
  X509Ptr cert = parse_certificate_der(der);
  if (X509_check_issued(credentials_->ca.get(), cert.get()) != X509_V_OK ||
      X509_verify(cert.get(), X509_get0_pubkey(credentials_->ca.get())) != 1) {
    ERR_clear_error();
    throw IssuerRefusal("the CA's certificate is not signed by the configured CA certificate");
  }
  try {
    if (identify_public_key(X509_get0_pubkey(cert.get())).identity !=
        identify_public_key(X509_REQ_get0_pubkey(csr.get())).identity)
      throw IssuerRefusal("the CA certified another key than the one requested");
  } catch (const std::invalid_argument& e) {
    throw IssuerRefusal(std::string("the CA's certificate has an unreadable key: ") + e.what());
  }
  if (X509_NAME_cmp(X509_get_subject_name(cert.get()), X509_get_subject_name(old.get())) != 0)
    throw IssuerRefusal("the CA's certificate names another subject than the old certificate");
  spdlog::info("CMP: {} issued for {}", config_.server, request.business_no);
  return der;
}

void CmpIssuer::revoke(const RevokeRequest& request) {
  ERR_clear_error();
  if (request.certificate_der.empty()) throw IssuanceError("no certificate to revoke");
  X509Ptr cert = parse_certificate_der(request.certificate_der);
  CmpCtxPtr ctx = new_context(config_, *credentials_, tls_.get());
  const int reason = request.reason == "superseded" ? 4 : 0;  // RFC 5280 CRLReason
  if (OSSL_CMP_CTX_set1_oldCert(ctx.get(), cert.get()) != 1 ||
      OSSL_CMP_CTX_set_option(ctx.get(), OSSL_CMP_OPT_REVOCATION_REASON, reason) != 1)
    throw IssuanceError("cannot prepare the revocation request: " + openssl_errors());
  if (OSSL_CMP_exec_RR_ses(ctx.get()) != 1) {
    // Revoked already (by an earlier attempt whose answer was lost, or by the CA's staff): done.
    if (OSSL_CMP_CTX_get_status(ctx.get()) == OSSL_CMP_PKISTATUS_rejection &&
        (OSSL_CMP_CTX_get_failInfoCode(ctx.get()) & (1 << OSSL_CMP_PKIFAILUREINFO_certRevoked))) {
      ERR_clear_error();
      remember(true, "");
      spdlog::info("CMP: {} says {} is revoked already", config_.server, request.serial_hex);
      return;
    }
    const Failure why = failure(ctx.get(), "revoke the certificate");
    remember(why.final, "CMP with " + config_.server + ": " + why.text);
    throw_failure(why);
  }
  remember(true, "");
  spdlog::info("CMP: {} revoked {} ({})", config_.server, request.serial_hex, request.reason);
}

}  // namespace certrenew::server
