#pragma once
// One end-to-end world: a real certrenew-server (init --demo) on loopback, a client
// configuration that trusts it and points the softtoken driver at the demo customer's token, and
// certrenew-cli run as a separate process, exactly as a customer or a script would run it.

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "certrenew/core/token/token_types.hpp"
#include "demo_customer.hpp"
#include "server_process.hpp"

namespace certrenew::testing {

struct CliRun {
  int rc = -1;
  std::string out;              // stdout
  std::string err;              // stderr
  nlohmann::json json() const;  // stdout parsed; fails the test when it is not JSON
};

class CliWorld {
 public:
  // The PIN of every token made here; handed to the CLI through this environment variable.
  static constexpr const char* kPinVariable = "CERTRENEW_E2E_PIN";
  static constexpr const char* kPin = "123456";

  explicit CliWorld(ServerProcess::Options options = {.demo = true});

  ServerProcess& server() { return server_; }
  const ServerProcess& server() const { return server_; }
  const std::filesystem::path& client_dir() const { return client_dir_; }
  const std::string& token_serial() const { return token_serial_; }

  // A second customer token under its own folder with this validity (e.g. already expired);
  // the client is reconfigured to see only that token.
  void use_customer_token(const server::CustomerEnrollment& enrollment);
  // Rewrites the client configuration with this softtoken driver configuration.
  void configure_softtoken(const nlohmann::json& driver_config);
  nlohmann::json softtoken_config() const { return drivers_.value("softtoken", nlohmann::json()); }
  // Points the client at another address for the service (a relay in front of it); empty: the
  // server itself. The TLS trust stays the server's.
  void use_service_url(std::string url, std::filesystem::path trust = {});
  // Rewrites the client configuration with exactly these drivers' configurations.
  void configure_drivers(const nlohmann::json& drivers);
  // Rewrites the client configuration with this retire policy ("keep", the default, or "delete").
  void set_retire_policy(std::string policy);
  // "NAME=value" entries given to every later CLI run (e.g. SOFTHSM2_CONF).
  void set_environment(std::vector<std::string> env) { environment_ = std::move(env); }

  // certrenew-cli --config <ours> --lang <language> args...; stdin is /dev/null, the PIN variable
  // is set, `env` adds "NAME=value" entries.
  CliRun cli(const std::vector<std::string>& args, const std::vector<std::string>& env = {},
             const std::string& language = "en") const;

  // Back office, through the operator API.
  void confirm_payment(const std::string& business_no) const;
  void approve(const std::string& business_no) const;
  void reject(const std::string& business_no, const std::string& reason) const;
  nlohmann::json admin_view(const std::string& business_no) const;
  nlohmann::json admin_list() const;

  // `certrenew-cli certs --json`["certificates"].
  nlohmann::json certificates() const;
  // What the world's token holds now, read with the token layer (not through the CLI).
  std::vector<token::TokenObject> token_objects() const;
  // The ids of the keys on the token without a certificate: the new keys the client generated.
  std::vector<Bytes> bare_keys() const;
  // The signed applications the client keeps for sending again (outbox-*.json), parsed.
  std::vector<nlohmann::json> outbox() const;
  // The application record file the client keeps.
  nlohmann::json local_record(const std::string& business_no) const;

  // A valid form for the demo customer, written to a file; returns its path.
  std::filesystem::path form_file(int period_months) const;
  // `apply` for `period_months` with the form and the PIN; returns the business number.
  std::string apply(int period_months) const;
  void pay_by_transfer(const std::string& business_no, const std::string& amount) const;

 private:
  void write_config() const;

  ServerProcess server_;
  std::filesystem::path client_dir_;
  std::string token_serial_;
  nlohmann::json drivers_;
  std::string service_url_;      // empty: server_.base_url()
  std::filesystem::path trust_;  // empty: server_.tls_root()
  std::string retire_policy_ = "keep";
  std::vector<std::string> environment_;
};

}  // namespace certrenew::testing
