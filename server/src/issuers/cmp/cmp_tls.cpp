#include "issuers/cmp/cmp_tls.hpp"

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include <stdexcept>

namespace certrenew::server {

CmpTls::CmpTls(const std::filesystem::path& trust, std::string host) : host_(std::move(host)) {
  ssl_ctx_ = SSL_CTX_new(TLS_client_method());
  if (ssl_ctx_ == nullptr) throw std::runtime_error("cannot make a TLS context for CMP");
  SSL_CTX_set_min_proto_version(ssl_ctx_, TLS1_2_VERSION);
  SSL_CTX_set_verify(ssl_ctx_, SSL_VERIFY_PEER, nullptr);
  // Only the configured CAs: the CA's CMP endpoint is one known server, not the web.
  if (SSL_CTX_load_verify_locations(ssl_ctx_, trust.c_str(), nullptr) != 1) {
    ERR_clear_error();
    SSL_CTX_free(ssl_ctx_);
    throw std::runtime_error("config.issuer.tls_trust: " + trust.string() +
                             " holds no readable PEM certificate");
  }
}

CmpTls::~CmpTls() {
  SSL_CTX_free(ssl_ctx_);
}

bool CmpTls::attach(OSSL_CMP_CTX* ctx) {
  // A non-null callback argument is what tells OpenSSL's CMP client to speak TLS.
  return OSSL_CMP_CTX_set_http_cb(ctx, &CmpTls::wrap) == 1 &&
         OSSL_CMP_CTX_set_http_cb_arg(ctx, this) == 1;
}

// OpenSSL's HTTP client calls this on connecting (wrap the socket BIO in TLS) and on
// disconnecting (take the TLS BIO off again).
BIO* CmpTls::wrap(BIO* bio, void* arg, int connect, int /*detail*/) {
  auto* self = static_cast<CmpTls*>(arg);
  if (connect) {
    SSL* ssl = SSL_new(self->ssl_ctx_);
    BIO* sbio = BIO_new(BIO_f_ssl());
    // An IP address in the URL is checked against the certificate's IP SANs (and sends no SNI);
    // a name against its DNS SANs.
    X509_VERIFY_PARAM* vpm = ssl ? SSL_get0_param(ssl) : nullptr;
    const char* host = self->host_.c_str();
    const bool is_ip = vpm && X509_VERIFY_PARAM_set1_ip_asc(vpm, host) == 1;
    ERR_clear_error();
    const bool ok = vpm && sbio &&
                    (is_ip || (X509_VERIFY_PARAM_set1_host(vpm, host, 0) == 1 &&
                               SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME,  // SNI (the macro's
                                        TLSEXT_NAMETYPE_host_name,          // cast trips
                                        const_cast<char*>(host)) == 1));    // -Wold-style-cast)
    if (!ok) {
      SSL_free(ssl);
      BIO_free(sbio);
      return nullptr;
    }
    SSL_set_connect_state(ssl);
    BIO_ctrl(sbio, BIO_C_SET_SSL, BIO_CLOSE, ssl);  // BIO_set_ssl without the macro's cast
    return BIO_push(sbio, bio);
  }
  (void)ERR_set_mark();
  BIO_ssl_shutdown(bio);
  BIO* inner = BIO_pop(bio);
  BIO_free(bio);
  (void)ERR_pop_to_mark();
  return inner;
}

}  // namespace certrenew::server
