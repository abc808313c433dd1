#pragma once
// A back-office client for tests against a real certrenew-server (issue 18): applications paid
// by transfer, the `operator` and `admin` commands, and console sessions over HTTPS.

#include <string>

#include "application_steps.hpp"
#include "server_process.hpp"

namespace certrenew::testing {

// A submitted application with a transfer of 200.00 recorded; its business number.
std::string paid_by_transfer(const ServerProcess& s);
// The same application, for steps after the transfer.
Submitted submitted_with_transfer(const ServerProcess& s);
// An operator made on the command line with the password "long enough pw".
void add_operator(const ServerProcess& s, const std::string& name, const std::string& role);
// A new API token for `name`, written to a file; the file's path.
std::string token_file(const ServerProcess& s, const std::string& name);
// `certrenew-server admin ... ACTION` against the server with the token in `token`'s file.
int admin(const ServerProcess& s, const std::string& token, const std::string& action,
          std::string* out);

// A logged-in console session: its cookie and CSRF token.
struct Session {
  std::string cookie;
  std::string csrf;
};

Session console_login(const ServerProcess& s, const std::string& name,
                      const std::string& password = "long enough pw");
ServerProcess::Reply console(const ServerProcess& s, const Session& session,
                             const std::string& method, const std::string& path,
                             const std::string& body = "{}", bool with_csrf = true,
                             const std::string& type = "application/json");

}  // namespace certrenew::testing
