#pragma once
// The service's TLS: certificate chain and key, TLS 1.2 or later only (an older ClientHello gets
// the protocol_version alert), AEAD cipher suites with forward secrecy by default, the key
// exchange groups, no renegotiation, no compression, the server's cipher order. From config
// `tls` (see TlsPolicy).

#include <openssl/ssl.h>

#include <string>

#include "service/config.hpp"

namespace certrenew::server {

// Sets up `ctx`; returns an empty string, or what is wrong with the configuration.
std::string configure_tls(SSL_CTX& ctx, const ServerConfig& config);

}  // namespace certrenew::server
