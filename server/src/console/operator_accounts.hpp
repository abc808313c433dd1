#pragma once
// Operator accounts (issue 18): managed by admins in the console and on the command line, logged
// in from the console with a password (Argon2id) and, if set up, a TOTP code. Repeated failures
// lock the account for a while. Every change and every login attempt is written to the audit log.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

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

// What an account change hands back once, never stored in the clear: a password the service
// generated (when none was given), a new TOTP secret (base32), a new API token.
struct NewCredentials {
  std::string password;
  std::string totp_secret;
  std::string api_token;
};

// One account as the console and `operator list` show it: no secrets.
struct OperatorSummary {
  std::string name;
  std::string role;
  bool disabled = false;
  bool locked = false;
  bool totp = false;
  std::int64_t api_tokens = 0;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

enum class TotpChange { keep, renew, remove };

class OperatorAccounts {
 public:
  using Now = std::function<std::int64_t()>;
  OperatorAccounts(Store& store, LoginPolicy policy = {}, Now now = nullptr);

  // Account management (console/operator_admin.cpp), the one implementation of each rule for the
  // console's admins and the command line (`certrenew-server operator ...`, whose actor is the
  // local user with every permission and source "cli"). Each checks that `by` may manage
  // accounts and writes one audit entry in the same transaction as the change.
  //
  // An empty password: one is generated and returned once.
  NewCredentials add(const std::string& name, const std::string& role, const std::string& password,
                     bool with_totp, const Actor& by);
  // Disabling ends the operator's sessions and API tokens. The last enabled admin cannot be
  // disabled (409 last_admin): someone must always be able to manage accounts.
  void set_disabled(const std::string& name, bool disabled, const Actor& by);
  void disable(const std::string& name, const Actor& by) { set_disabled(name, true, by); }
  // A new password (generated when empty), unlocked; its sessions and API tokens end. `enable`
  // also enables a disabled account (the command line's reset, for recovery).
  NewCredentials reset_password(const std::string& name, const std::string& password,
                                TotpChange totp, bool enable, const Actor& by);
  // The command line's reset: new password, TOTP renewed or removed, unlocked and enabled.
  NewCredentials reset(const std::string& name, const std::string& password, bool with_totp,
                       const Actor& by) {
    return reset_password(name, password, with_totp ? TotpChange::renew : TotpChange::remove, true,
                          by);
  }
  // A new TOTP secret (returned once), or none; the operator's sessions end.
  NewCredentials reset_totp(const std::string& name, bool with_totp, const Actor& by);
  // A new API token for the CLI's admin commands; only its hash is kept.
  std::string issue_token(const std::string& name, const Actor& by);
  // Ends every API token of the operator; returns how many there were.
  std::int64_t revoke_tokens(const std::string& name, const Actor& by);
  std::vector<OperatorSummary> list();

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
// 256 random bits as hex: session ids, CSRF tokens, API tokens.
std::string random_token();
// The local user running `certrenew-server operator ...`: every permission (they hold the
// instance's files), audited with source "cli".
Actor command_line_actor(const std::string& user);

}  // namespace certrenew::server::console
