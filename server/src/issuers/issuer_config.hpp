#pragma once
// Which issuer signs the renewed certificates, as config.json's "issuer" object chooses it:
//   {"type": "builtin-file",   "certificate": "ca/ca.crt", "private_key": "ca/ca.key"}
//   {"type": "builtin-pkcs11", "certificate": "ca/ca.crt", "module":
//   "/usr/lib/softhsm/libsofthsm2.so",
//    "token": "pkcs11:token=CertRenew%20CA", "key_id": "a1b2...", "pin_env": "CERTRENEW_CA_PIN"}
//   {"type": "cmp", "server": "http://ca.example:8080/pkix/renewal", "ca_certificate": "...", ...}
// The older form, "ca": {"certificate", "private_key"}, still means builtin-file.

#include <cstdint>
#include <filesystem>
#include <string>

namespace certrenew::server {

enum class IssuerType { builtin_file, builtin_pkcs11, cmp };

// The CA key on an HSM, reached through the token host and the pkcs11 driver plugin (loaded at
// run time: the server links no plugin).
struct HsmKeyConfig {
  // The pkcs11 driver library; empty: the driver named "pkcs11" in the host's search path
  // (<exe dir>/plugins, the user's plugin folder, CERTRENEW_PLUGIN_PATH).
  std::filesystem::path driver;
  std::filesystem::path module;  // the vendor's PKCS#11 module
  std::string token;             // RFC 7512 URI that selects exactly one token
  std::string key_id_hex;        // CKA_ID of the CA key (init writes it)
  // The user PIN: from this environment variable, or from this file (mode 0600 or stricter).
  // Never in the configuration itself, never on a command line.
  std::string pin_env;
  std::filesystem::path pin_file;
};

// The service as a registration authority in front of an existing CA, over CMP (RFC 4210/9480).
struct CmpConfig {
  // http[s]://host[:port]/path (EJBCA: /ejbca/publicweb/cmp/<alias>). The messages carry their
  // own protection; https adds TLS, verified against tls_trust with the host name checked.
  std::string server;
  std::filesystem::path tls_trust;  // https: the CA certificates the CMP server's TLS chains to
  std::filesystem::path ca_certificate;  // the CA the issued certificates chain to
  // What the CMP server's protection is checked against (its certificate or its CA); default:
  // ca_certificate.
  std::filesystem::path server_trust;
  // Signature protection: the RA's own certificate and key (PEM); the CA authorises the RA by it.
  std::filesystem::path ra_certificate;
  std::filesystem::path ra_private_key;
  // MAC protection instead (PBM, RFC 4210 5.1.3.1): a reference and a secret file (0600).
  std::string mac_reference;
  std::filesystem::path mac_secret_file;
  bool key_update = false;  // kur instead of p10cr (the old certificate identifies the holder)
  int total_timeout_seconds = 120;  // the whole exchange, polling for delayed issuance included
  int message_timeout_seconds = 30;
};

struct IssuerConfig {
  IssuerType type = IssuerType::builtin_file;
  std::filesystem::path certificate;  // built-in: the CA certificate
  std::filesystem::path private_key;  // builtin-file: the key file (PEM, owner-only)
  HsmKeyConfig hsm;                   // builtin-pkcs11
  CmpConfig cmp;                      // cmp
  // The issuer's jobs (issuing, revoking at an external CA): a failed attempt is retried after
  // retry_base_seconds, doubling up to retry_max_seconds, until the issuer answers; the worker
  // looks for due jobs every poll_milliseconds.
  int retry_base_seconds = 30;
  int retry_max_seconds = 3600;
  int poll_milliseconds = 1000;
};

}  // namespace certrenew::server
