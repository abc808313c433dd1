#pragma once
// Operator accounts (issue 18): created, disabled and reset on the command line, logged in from
// the console with a password (Argon2id) and, if set up, a TOTP code. Repeated failures lock the
// account for a while. Every change and every login attempt is written to the audit log.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "service/operator_roles.hpp"
#include "storage/store.hpp"

namespace certrenew::server::console {

struct LoginPolicy {
  int max_failures = 5;                     // consecutive failures before a lock
  std::int64_t lock_seconds = 15 * 60;      // how long a lock lasts
  std::int64_t session_seconds = 8 * 3600;  // absolute session lifetime
  std::int64_t idle_seconds = 30 * 60;      // a session unused this long ends
  std::size_t min_password_length = 12;
};

// What a successful login hands the browser: the session id for the cookie (random, 256 bits; only
// its hash is stored) and the CSRF token the page sends back on every change.
struct NewSession {
  std::string session_id;
  std::string csrf_token;
  Actor actor;
  std::int64_t expires_at = 0;
};

// A session found from its cookie.
struct LiveSession {
  std::string id_sha256;
  std::string csrf_token;
  Actor actor;
};

class OperatorAccounts {
 public:
  using Now = std::function<std::int64_t()>;
  OperatorAccounts(Store& store, LoginPolicy policy = {}, Now now = nullptr);

  // The command line (`certrenew-server operator ...`); `by` is who ran it, audited with source
  // "cli". add/reset return the new TOTP secret (base32) when `with_totp`, else "".
  std::string add(const std::string& name, const std::string& role, const std::string& password,
                  bool with_totp, const std::string& by);
  void disable(const std::string& name, const std::string& by);
  // A new password (and TOTP secret if asked), unlocked and enabled again; its sessions and API
  // tokens end.
  std::string reset(const std::string& name, const std::string& password, bool with_totp,
                    const std::string& by);
  // A new API token for the CLI's admin commands; only its hash is kept.
  std::string issue_token(const std::string& name, const std::string& by);

  // Throws ApiError 401 login_failed (wrong name, password, code, or a disabled account: the
  // same answer) or 429 account_locked.
  NewSession login(const std::string& name, const std::string& password,
                   const std::string& totp_code, const std::string& source);
  // nullopt: no such session, expired or idle too long, or its operator is disabled.
  std::optional<LiveSession> session(const std::string& session_id);
  void logout(const std::string& session_id);

 private:
  std::int64_t now() const;
  Store& store_;
  LoginPolicy policy_;
  Now now_;
};

bool valid_operator_name(const std::string& name);

}  // namespace certrenew::server::console
