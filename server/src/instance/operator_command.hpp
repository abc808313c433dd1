#pragma once
// `certrenew-server operator add|disable|enable|reset|token|revoke-tokens|list|verify-audit`
// (issue 18): operator accounts on the instance's own database, for the first admin and for
// recovery, through the same rules as the console (console::OperatorAccounts). Passwords come
// from the terminal (asked twice, not echoed) or one line of standard input, never argv.

#include <filesystem>
#include <string>

namespace certrenew::server {

struct OperatorCommand {
  std::string action;  // add, disable, enable, reset, token, revoke-tokens, list, verify-audit
  std::filesystem::path config;
  std::string name;
  std::string role;
  bool totp = false;
  std::filesystem::path token_file;  // token: write the token here (mode 0600) instead of stdout
};

// Returns the exit status; messages go to stdout/stderr.
int run_operator_command(const OperatorCommand& command);

}  // namespace certrenew::server
