#include "instance/operator_command.hpp"

#include <pwd.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <stdexcept>

#include "console/operator_accounts.hpp"
#include "console/totp.hpp"
#include "service/api_error.hpp"
#include "service/audit_trail.hpp"
#include "service/config.hpp"
#include "storage/console_store.hpp"

namespace certrenew::server {

namespace {

// Who ran the command, for the audit log.
std::string local_user() {
  if (const passwd* pw = getpwuid(geteuid())) return std::string("cli:") + pw->pw_name;
  return "cli:uid" + std::to_string(geteuid());
}

std::string read_hidden_line(const char* prompt) {
  std::cerr << prompt << std::flush;
  termios old{};
  tcgetattr(STDIN_FILENO, &old);
  termios quiet = old;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  std::string line;
  std::getline(std::cin, line);
  tcsetattr(STDIN_FILENO, TCSANOW, &old);
  std::cerr << "\n";
  return line;
}

std::string read_password() {
  if (isatty(STDIN_FILENO)) {
    std::string a = read_hidden_line("password: ");
    std::string b = read_hidden_line("password again: ");
    if (a != b) throw std::runtime_error("the two passwords differ; nothing was changed");
    return a;
  }
  std::string line;
  if (!std::getline(std::cin, line))
    throw std::runtime_error("no password on standard input; nothing was changed");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// What the account change generated, shown once.
void print_credentials(const std::string& name, const console::NewCredentials& c) {
  if (!c.password.empty())
    std::cout << "generated password (shown once; hand it to " << name << "): " << c.password
              << "\n";
  if (c.totp_secret.empty()) return;
  std::cout << "TOTP secret (enter it in an authenticator app): " << c.totp_secret << "\n"
            << console::totp_uri("CertRenew", name, c.totp_secret) << "\n";
}

}  // namespace

int run_operator_command(const OperatorCommand& c) {
  const ServerConfig config = ServerConfig::load(c.config);
  auto store = open_store(config.store_location());
  console::OperatorAccounts accounts(*store);
  const Actor by = console::command_line_actor(local_user());
  try {
    if (c.action == "add") {
      print_credentials(c.name, accounts.add(c.name, c.role, read_password(), c.totp, by));
      std::cout << "operator " << c.name << " added (" << c.role << ")\n";
    } else if (c.action == "disable") {
      accounts.disable(c.name, by);
      std::cout << "operator " << c.name << " disabled; sessions and tokens ended\n";
    } else if (c.action == "enable") {
      accounts.set_disabled(c.name, false, by);
      std::cout << "operator " << c.name << " enabled\n";
    } else if (c.action == "revoke-tokens") {
      std::cout << "operator " << c.name << ": " << accounts.revoke_tokens(c.name, by)
                << " API token(s) revoked\n";
    } else if (c.action == "reset") {
      print_credentials(c.name, accounts.reset(c.name, read_password(), c.totp, by));
      std::cout << "operator " << c.name << " reset: new password, unlocked, enabled\n";
    } else if (c.action == "token") {
      const std::string token = accounts.issue_token(c.name, by);
      if (c.token_file.empty()) {
        std::cout << token << "\n";
      } else {
        const mode_t old = umask(077);
        std::ofstream(c.token_file, std::ios::trunc) << token << "\n";
        umask(old);
        std::cout << "token for " << c.name << " written to " << c.token_file.string() << "\n";
      }
    } else if (c.action == "list") {
      for (const auto& o : accounts.list())
        std::cout << o.name << "\t" << o.role << (o.disabled ? "\tdisabled" : "")
                  << (o.locked ? "\tlocked" : "") << (o.totp ? "\ttotp" : "")
                  << (o.api_tokens > 0 ? "\tapi-token" : "") << "\n";
    } else if (c.action == "verify-audit") {
      AuditVerification v;
      store->transact([&](StoreTx& tx) { v = verify_audit_chain(tx.console()); });
      if (!v.intact) {
        std::cerr << "audit log BROKEN at entry " << *v.first_bad_seq << ": " << v.problem << "\n";
        return 2;
      }
      std::cout << "audit log intact: " << v.entries << " entries\n";
    }
  } catch (const ApiError& e) {
    std::cerr << "certrenew-server operator: " << e.what() << " (" << e.message_zh() << ")\n";
    return 1;
  }
  return 0;
}

}  // namespace certrenew::server
