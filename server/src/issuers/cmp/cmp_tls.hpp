#pragma once
// CMP over TLS (https:// server URLs): OpenSSL's CMP client sends its HTTP through a TLS BIO made
// here, which verifies the CMP server's certificate against the CAs of config.issuer.tls_trust
// (not the system's store) and checks the server's host name, with SNI.

#include <openssl/cmp.h>
#include <openssl/ssl.h>

#include <filesystem>
#include <memory>
#include <string>

namespace certrenew::server {

class CmpTls {
 public:
  // Throws std::runtime_error naming config.issuer.tls_trust when it holds no certificate.
  CmpTls(const std::filesystem::path& trust, std::string host);
  ~CmpTls();
  CmpTls(const CmpTls&) = delete;
  CmpTls& operator=(const CmpTls&) = delete;

  // Has the context's HTTP exchanges go through TLS to this server (the CMP context keeps a
  // pointer to this object: it must outlive the exchange).
  bool attach(OSSL_CMP_CTX* ctx);

 private:
  static BIO* wrap(BIO* bio, void* arg, int connect, int detail);

  SSL_CTX* ssl_ctx_ = nullptr;
  std::string host_;
};

}  // namespace certrenew::server
