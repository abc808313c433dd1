#include "http/tls_context.hpp"

#include <openssl/err.h>

namespace certrenew::server {

namespace {

std::string openssl_reason(const std::string& what) {
  unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return what;
  char buf[256];
  ERR_error_string_n(code, buf, sizeof buf);
  return what + ": " + buf;
}

}  // namespace

std::string configure_tls(SSL_CTX& ctx, const ServerConfig& config) {
  const TlsPolicy& tls = config.tls;
  const int min_version = tls.min_version == "1.3" ? TLS1_3_VERSION : TLS1_2_VERSION;
  if (SSL_CTX_set_min_proto_version(&ctx, min_version) != 1)
    return openssl_reason("tls.min_version");
  SSL_CTX_set_options(&ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION |
                                SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_SSLv3);
  if (SSL_CTX_set_cipher_list(&ctx, tls.ciphers.c_str()) != 1)
    return openssl_reason("tls.ciphers is not a usable cipher list");
  if (SSL_CTX_set_ciphersuites(&ctx, tls.ciphersuites.c_str()) != 1)
    return openssl_reason("tls.ciphersuites is not a usable TLS 1.3 suite list");
  if (SSL_CTX_set1_groups_list(&ctx, tls.groups.c_str()) != 1)
    return openssl_reason("tls.groups is not a usable group list");
  if (SSL_CTX_use_certificate_chain_file(&ctx, config.tls_certificate.string().c_str()) != 1)
    return openssl_reason("cannot load the TLS certificate " + config.tls_certificate.string());
  if (SSL_CTX_use_PrivateKey_file(&ctx, config.tls_private_key.string().c_str(),
                                  SSL_FILETYPE_PEM) != 1 ||
      SSL_CTX_check_private_key(&ctx) != 1)
    return openssl_reason("cannot load the TLS key " + config.tls_private_key.string());
  return {};
}

}  // namespace certrenew::server
