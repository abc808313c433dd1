#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "issuers/issuer_config.hpp"
#include "issuers/kmc/kmc_config.hpp"
#include "notify/notify_config.hpp"
#include "service/fees.hpp"
#include "service/report_zone.hpp"
#include "service/serving_config.hpp"
#include "storage/store.hpp"

namespace certrenew::server {

// The CA's account shown on the bank-transfer page (开户公司名称 / 开户账号 / 开户行).
struct BankAccount {
  std::string company;
  std::string account;
  std::string bank;
};

struct Operator {
  std::string name;
  std::string
      token_sha256;  // hex SHA-256 of the operator's bearer token; the token itself is never stored
};

struct Policy {
  bool auto_approve = false;         // approve paid applications without a person (demo, scale)
  bool allow_key_reuse = false;      // rekey is the default: the CSR must carry a new key
  int renewal_window_days = 90;      // online renewal opens this many days before expiry
  int max_clock_skew_seconds = 600;  // how far a request's time may be from the server's
  std::vector<std::string> allowed_key_types{"rsa", "ec_p256", "sm2"};
  int min_rsa_bits = 2048;
  // How many applications one certificate may make per day (the server's local day, as business
  // numbers count days), cancelled ones included; beyond it: 429 with Retry-After.
  int max_applications_per_certificate_per_day = 5;
  // How long a capability token keeps working after its application ended (completed, rejected
  // or cancelled), so a client can still read the outcome; then it is refused like a wrong one.
  std::int64_t capability_valid_after_end_seconds = 30 * 86400;
  // What becomes of a certificate once its renewal is installed: revoked (reason superseded) at
  // once, revoked when it expires, or left alone. A renewed certificate never applies again.
  enum class RevokeSuperseded { on_install, at_expiry, never };
  RevokeSuperseded revoke_superseded = RevokeSuperseded::on_install;
};

// The built-in CA's certificate revocation list.
struct CrlConfig {
  // The URL put in every issued certificate as its CRL distribution point; the service serves
  // the CRL at this URL's path. Empty: no distribution point in certificates, CRL still served at
  // the default path.
  std::string url;
  std::string path = "/crl/ca.crl";  // from `url`, or the default
  // Optional plain-HTTP listener (host:port) that serves only the CRL, as relying parties fetch
  // CRLs over http (OpenSSL's -crl_download, Windows CryptoAPI); empty: none.
  std::string http_listen;
  std::filesystem::path file;     // also written here on every change (for a web server/CDN)
  int validity_hours = 168;       // nextUpdate = thisUpdate + this
  int refresh_before_hours = 24;  // a new CRL is made this long before nextUpdate
};

// The service's own TLS (the API's HTTPS).
struct TlsPolicy {
  std::string min_version = "1.2";  // 1.2 or 1.3
  // TLS 1.2 cipher list (OpenSSL syntax); the default is AEAD with forward secrecy only.
  std::string ciphers =
      "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:"
      "ECDHE-RSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256";
  std::string ciphersuites =  // TLS 1.3
      "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256";
  std::string groups = "X25519:P-256:P-384";
};

// How online payments are taken. `sandbox` is the built-in TEST DOUBLE (pay pages that need no
// credentials) and is refused unless the whole config says "demo": true; `none` turns online
// payment off (bank transfer only). Real gateways are adapters behind payments/gateway.hpp.
struct PaymentsConfig {
  std::string gateway = "none";       // none | sandbox
  std::filesystem::path sandbox_key;  // the sandbox's notification key (HMAC)
  // How long an online payment stays payable (issue 16): reopening online payment within this
  // shows the same payment; after it a new one is started and the old one closed at the gateway.
  int valid_seconds = 1800;
};

// certrenew-server's configuration file (JSON). Relative paths are relative to the file's folder.
struct ServerConfig {
  std::filesystem::path base_dir;
  std::string listen = "127.0.0.1:8443";
  // "database": a SQLite file (the default, server.db) or a PostgreSQL URI ("postgresql://…",
  // which selects PostgreSQL; every instance of a deployment names the same one). A password
  // belongs in a libpq password file (PGPASSFILE, or passfile= in the URI), not in the config.
  std::filesystem::path database;  // the SQLite file; empty when postgres_url is set
  std::string postgres_url;
  int database_connections = 8;  // "database_connections": the PostgreSQL pool's size
  StoreLocation store_location() const { return {postgres_url, database, database_connections}; }
  std::filesystem::path tls_certificate;
  std::filesystem::path tls_private_key;
  // What the service's own TLS certificate chains to: the admin command and the sandbox gateway
  // verify the service against it (default: root.crt beside the certificate, as init makes it).
  std::filesystem::path tls_trust;
  // The CA that issued the certificates being renewed and issues their renewals (the
  // issuer's certificate: built-in or the CMP CA's); ca_private_key only for builtin-file.
  std::filesystem::path ca_certificate;
  std::filesystem::path ca_private_key;
  IssuerConfig issuer;  // "issuer" (or the older "ca" object, which means builtin-file)
  std::filesystem::path capability_key;  // secret for capability tokens
  std::string agreement_version;
  std::map<std::string, std::filesystem::path> agreement_files;  // language -> file
  std::map<std::string, std::string> service_name;               // language -> name
  FeeSchedule fees;
  BankAccount bank_account;
  Policy policy;
  CrlConfig crl;
  TlsPolicy tls;
  // A demo instance (`init --demo`): only a demo may use test doubles such as the sandbox gateway.
  bool demo = false;
  PaymentsConfig payments;
  std::vector<Operator> operators;
  std::size_t max_body_bytes = 256 * 1024;
  int request_timeout_seconds = 20;
  NotifyConfig notify;  // notifications and expiry reminders (issue 19)
  // `reports.time_zone` (issue 18): the CA's zone, whose days the back office's reports and day
  // filters count in (service/report_zone.hpp); checked when the config is loaded.
  std::string report_time_zone = ReportZone::kDefault;
  // The serving layer (key `serving`; its max_body_bytes and body_timeout_seconds are the two
  // keys above).
  ServingConfig serving;
  KmcConfig kmc;  // the key management centre of SM2 dual certificates (issue 21)

  // Reads and checks the file; throws std::runtime_error naming the file and the bad key.
  static ServerConfig load(const std::filesystem::path& file);
  static ServerConfig from_json(const nlohmann::json& j, const std::filesystem::path& base_dir);
};

}  // namespace certrenew::server
