#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "ca/authority.hpp"
#include "issuers/issuer_config.hpp"

namespace certrenew::server {

struct InitOptions {
  std::filesystem::path dir;
  std::filesystem::path assets_dir;  // where agreement texts are copied from
  CaKeyType ca_key = CaKeyType::ec_p256;
  std::string listen = "127.0.0.1:8443";
  bool auto_approve = false;
  // A demo instance: "demo": true in the config, online payments through the sandbox gateway
  // (a test double). The demo customer's token is made by the certrenew-demo tool, not here.
  bool demo = false;
  // The URL of the CA's CRL, put in every certificate it issues; empty: https://<listen>/crl/ca.crl
  std::string crl_url;
  // The CA key on an HSM (issuer builtin-pkcs11) instead of ca/ca.key: init makes the key pair on
  // the token the URI selects (key_id_hex is filled in) and writes only the CA certificate.
  std::optional<HsmKeyConfig> hsm;
};

struct InitResult {
  std::filesystem::path config;
  std::filesystem::path tls_trust;       // the root the clients must trust for TLS
  std::filesystem::path operator_token;  // file holding the first operator's bearer token (0600)
};

// Creates a working instance: CA, TLS root and server certificate for localhost/127.0.0.1,
// secrets, agreement texts, an operator and config.json. Refuses to touch a folder that already
// holds an instance (config.json present); no file is ever overwritten.
InitResult init_instance(const InitOptions& options);

// The assets folder: beside the executable (portable package), ../share/certrenew/assets
// (installed), or the source tree's (build tree). Throws when none exists.
std::filesystem::path find_assets_dir();

}  // namespace certrenew::server
