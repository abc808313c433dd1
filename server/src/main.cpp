// certrenew-server: the CA's renewal service.
//   certrenew-server init --dir DIR [--ca-key ec|rsa|sm2] [--auto-approve] [--demo] [--crl-url U]
//   certrenew-server serve --config FILE [--listen HOST:PORT] [--port-file F]
//                          [--clock-offset-seconds N]   (tests of the client's diagnostics)
//   certrenew-server admin --config FILE [--token-file F]
//   list|show|reveal-id|confirm-payment|approve|reject|escrowed-keys|recover-key NO SERIAL
//   ...
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>
#include <string_view>

#include "certrenew/core/protocol/requests.hpp"
#include "certrenew/core/version.hpp"
#include "instance/admin_client.hpp"
#include "instance/init.hpp"
#include "instance/operator_command.hpp"
#include "instance/serve.hpp"

using namespace certrenew::server;

namespace {

// The admin commands on one application: each is one call of the JSON admin API on
// /api/v1/admin/applications/<business number><path>; reject and recover-key send a body.
struct ApplicationCommand {
  const char* name;
  const char* help;
  const char* method;
  const char* path;
};

constexpr ApplicationCommand kApplicationCommands[] = {
    {"show", "show one application with its history", "GET", ""},
    {"confirm-payment", "confirm a recorded bank transfer", "POST", "/confirm-payment"},
    {"approve", "approve and issue the certificate", "POST", "/approve"},
    {"reject", "reject with a reason", "POST", "/reject"},
    {"reveal-id", "show the applicant's whole ID number (audited; everywhere else it is masked)",
     "POST", "/reveal-id"},
    // Issue 21: the holder's escrowed encryption keys; key recovery (admin role, audited).
    {"escrowed-keys", "the escrowed SM2 encryption keys of the application's holder", "GET",
     "/escrowed-keys"},
    {"recover-key", "re-deliver an escrowed encryption key to this application (admin role)",
     "POST", "/recover-encryption-key"},
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"certrenew-server: the CA's certificate renewal service"};
  app.set_version_flag("--version", std::string(certrenew::version()));
  app.require_subcommand(1);

  InitOptions init;
  std::string ca_key = "ec";
  auto* init_cmd = app.add_subcommand("init", "create a working instance in a new folder");
  init_cmd->add_option("--dir", init.dir, "the instance folder")->required();
  init_cmd->add_option("--ca-key", ca_key, "CA key type")
      ->check(CLI::IsMember({"ec", "rsa", "sm2"}));
  init_cmd->add_option("--listen", init.listen, "address the service will listen on");
  init_cmd->add_flag("--auto-approve", init.auto_approve,
                     "approve paid applications automatically");
  init_cmd->add_flag("--demo", init.demo,
                     "a demo instance: online payments through the sandbox gateway, a test "
                     "double refused in any other instance (a demo customer's token: "
                     "certrenew-demo enroll)");
  init_cmd->add_option("--crl-url", init.crl_url,
                       "the CRL's URL, put in every certificate the CA issues "
                       "(default https://LISTEN/crl/ca.crl)");

  // The CA key on an HSM (issue 22): made there by init, used through the pkcs11 driver.
  std::string issuer_type = "builtin-file";
  HsmKeyConfig hsm;
  init_cmd
      ->add_option("--issuer", issuer_type,
                   "who issues: the built-in CA with its key in a file or on an HSM")
      ->check(CLI::IsMember({"builtin-file", "builtin-pkcs11"}));
  init_cmd->add_option("--hsm-module", hsm.module, "builtin-pkcs11: the HSM's PKCS#11 module");
  init_cmd->add_option("--hsm-token", hsm.token, "builtin-pkcs11: RFC 7512 URI of the HSM token");
  init_cmd->add_option("--hsm-pin-env", hsm.pin_env,
                       "builtin-pkcs11: environment variable holding the token's user PIN");
  init_cmd->add_option("--hsm-pin-file", hsm.pin_file,
                       "builtin-pkcs11: owner-only file holding the token's user PIN");
  init_cmd->add_option("--hsm-driver", hsm.driver,
                       "builtin-pkcs11: the pkcs11 driver library (default: plugins/ search)");

  std::filesystem::path config, port_file, token_file;
  std::string listen;
  auto* serve_cmd = app.add_subcommand("serve", "run the HTTPS service");
  serve_cmd->add_option("--config", config, "the instance's config.json")
      ->required()
      ->check(CLI::ExistingFile);
  serve_cmd->add_option("--listen", listen,
                        "HOST:PORT, overriding the config (port 0 = any free port)");
  serve_cmd->add_option("--port-file", port_file, "write the port listened on to this file");
  long clock_offset_seconds = 0;
  serve_cmd
      ->add_option("--clock-offset-seconds", clock_offset_seconds,
                   "TESTS ONLY, demo instances only (client diagnostics): report a server_time "
                   "in /api/v1/info shifted by this many seconds, and run the notification "
                   "worker (expiry reminders) on that clock; nothing else changes")
      ->check(CLI::Range(-315360000L, 315360000L));  // ten years either way

  auto* admin_cmd = app.add_subcommand("admin", "back-office commands against a running instance");
  admin_cmd->add_option("--config", config, "the instance's config.json")
      ->required()
      ->check(CLI::ExistingFile);
  admin_cmd->add_option("--token-file", token_file,
                        "file holding the operator token "
                        "(default: secrets/operator-admin.token beside the config)");
  admin_cmd->add_option("--listen", listen,
                        "HOST:PORT of the running service (default: the config's)");
  admin_cmd->require_subcommand(1);
  std::string business_no, state, reason, serial;
  auto* list_cmd = admin_cmd->add_subcommand("list", "list applications, newest first");
  list_cmd->add_option("--state", state, "only this state (entered, under_review, ...)");
  for (const ApplicationCommand& c : kApplicationCommands)
    admin_cmd->add_subcommand(c.name, c.help)
        ->add_option("business_no", business_no, "the 17-digit business number")
        ->required();
  admin_cmd->get_subcommand("recover-key")
      ->add_option("serial", serial, "the encryption certificate's serial (hex)")
      ->required();
  admin_cmd->get_subcommand("reject")
      ->add_option("--reason", reason, "why (shown to the applicant)")
      ->required();

  // Named operator accounts (issue 18): the first admin, recovery, API tokens for `admin`.
  OperatorCommand op;
  auto* operator_cmd = app.add_subcommand("operator", "operator accounts on this instance");
  operator_cmd->add_option("--config", op.config, "the instance's config.json")
      ->required()
      ->check(CLI::ExistingFile);
  operator_cmd->require_subcommand(1);
  auto* op_add = operator_cmd->add_subcommand(
      "add",
      "add an operator; the password is read from the terminal or standard input (an empty one "
      "is generated and printed once)");
  op_add->add_option("--role", op.role, "finance, reviewer or admin")
      ->required()
      ->check(CLI::IsMember({"finance", "reviewer", "admin"}));
  auto* op_disable =
      operator_cmd->add_subcommand("disable", "disable an operator (never the last enabled admin)");
  auto* op_enable = operator_cmd->add_subcommand("enable", "enable a disabled operator again");
  auto* op_revoke = operator_cmd->add_subcommand("revoke-tokens", "end the operator's API tokens");
  auto* op_reset = operator_cmd->add_subcommand(
      "reset", "new password (from the terminal or standard input), unlock, enable");
  auto* op_token = operator_cmd->add_subcommand(
      "token", "a new API token for the admin commands (--token-file of `admin`)");
  op_token->add_option("--out", op.token_file, "write the token to this file (mode 0600)");
  auto* op_list = operator_cmd->add_subcommand("list", "list the operators");
  auto* op_verify = operator_cmd->add_subcommand(
      "verify-audit", "check the audit log's hash chain (exit 2 when broken)");
  for (auto* c : {op_add, op_disable, op_enable, op_revoke, op_reset, op_token})
    c->add_option("name", op.name, "the operator's login name")->required();
  for (auto* c : {op_add, op_reset})
    c->add_flag("--totp", op.totp, "set up a TOTP second factor (prints its secret)");

  CLI11_PARSE(app, argc, argv);
  try {
    if (*init_cmd) {
      init.ca_key = ca_key == "rsa"   ? CaKeyType::rsa3072
                    : ca_key == "sm2" ? CaKeyType::sm2
                                      : CaKeyType::ec_p256;
      init.assets_dir = find_assets_dir();
      if (issuer_type == "builtin-pkcs11") {
        if (hsm.module.empty() || hsm.token.empty() || hsm.pin_env.empty() == hsm.pin_file.empty())
          throw std::runtime_error(
              "--issuer builtin-pkcs11 needs --hsm-module, --hsm-token and one of --hsm-pin-env "
              "or --hsm-pin-file");
        if (!hsm.driver.empty()) hsm.driver = std::filesystem::absolute(hsm.driver);
        if (!hsm.pin_file.empty()) hsm.pin_file = std::filesystem::absolute(hsm.pin_file);
        init.hsm = hsm;
      }
      InitResult r = init_instance(init);
      std::cout << "created " << r.config.string() << "\n"
                << "clients trust the service's TLS root: " << r.tls_trust.string() << "\n"
                << "operator token (keep it secret): " << r.operator_token.string() << "\n"
                << "start it with: certrenew-server serve --config " << r.config.string() << "\n";
      if (init.demo)
        std::cout << "demo instance: online payments go to the sandbox gateway (a test double)\n";
      return 0;
    }
    if (*operator_cmd) {
      for (auto* c :
           {op_add, op_disable, op_enable, op_revoke, op_reset, op_token, op_list, op_verify})
        if (*c) op.action = c->get_name();
      return run_operator_command(op);
    }
    if (*serve_cmd)
      return serve(config, listen, port_file, std::chrono::seconds(clock_offset_seconds));
    if (*admin_cmd) {
      if (token_file.empty())
        token_file =
            std::filesystem::absolute(config).parent_path() / "secrets" / "operator-admin.token";
      AdminTarget target = admin_target_from_config(config, token_file, listen);
      const std::string base = "/api/v1/admin/applications";
      nlohmann::json out;
      if (*list_cmd)
        out = admin_call(target, "GET", base + (state.empty() ? "" : "?state=" + state));
      for (const ApplicationCommand& c : kApplicationCommands) {
        if (!*admin_cmd->get_subcommand(c.name)) continue;
        const std::string_view name = c.name;
        nlohmann::json body;  // none: an empty object
        if (name == "reject")
          body = certrenew::protocol::encode(certrenew::protocol::RejectRequest{reason});
        if (name == "recover-key")
          body = certrenew::protocol::encode(certrenew::protocol::RecoverKeyRequest{serial});
        out = admin_call(target, c.method, base + "/" + business_no + c.path, body);
      }
      std::cout << out.dump(2) << "\n";
      return 0;
    }
  } catch (const std::exception& e) {
    std::cerr << "certrenew-server: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
