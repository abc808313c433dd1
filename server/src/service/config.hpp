#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "service/fees.hpp"

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
};

// certrenew-server's configuration file (JSON). Relative paths are relative to the file's folder.
struct ServerConfig {
  std::filesystem::path base_dir;
  std::string listen = "127.0.0.1:8443";
  std::filesystem::path database;
  std::filesystem::path tls_certificate;
  std::filesystem::path tls_private_key;
  // What the service's own TLS certificate chains to: the admin command and the sandbox gateway
  // verify the service against it (default: root.crt beside the certificate, as init makes it).
  std::filesystem::path tls_trust;
  std::filesystem::path ca_certificate;
  std::filesystem::path ca_private_key;
  std::filesystem::path capability_key;  // secret for capability tokens
  std::filesystem::path gateway_key;     // secret shared with the (sandbox) payment gateway
  std::string agreement_version;
  std::map<std::string, std::filesystem::path> agreement_files;  // language -> file
  std::map<std::string, std::string> service_name;               // language -> name
  FeeSchedule fees;
  BankAccount bank_account;
  Policy policy;
  std::vector<Operator> operators;
  std::size_t max_body_bytes = 256 * 1024;
  int request_timeout_seconds = 20;

  // Reads and checks the file; throws std::runtime_error naming the file and the bad key.
  static ServerConfig load(const std::filesystem::path& file);
  static ServerConfig from_json(const nlohmann::json& j, const std::filesystem::path& base_dir);
};

}  // namespace certrenew::server
