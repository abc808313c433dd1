// Managing operator accounts (issue 18): the one implementation of each rule, used by admins in
// the console (console/operator_calls.cpp) and by `certrenew-server operator ...` on the
// instance's host. Every change is one transaction with its audit entry; the slow password hash
// is computed before the transaction starts.
#include <algorithm>

#include "certrenew/core/bytes.hpp"
#include "console/operator_accounts.hpp"
#include "console/password_hash.hpp"
#include "console/totp.hpp"
#include "service/audit_trail.hpp"
#include "service/catalogue_errors.hpp"
#include "service/digest.hpp"
#include "storage/console_store.hpp"

namespace certrenew::server::console {

namespace {

void check_password(const std::string& password, const LoginPolicy& policy) {
  // Length in code points would be fairer to Chinese passwords; bytes are a stricter floor.
  if (password.size() < policy.min_password_length)
    throw back_office_error(400, "weak_password", "operator.weak_password");
}

// 20 characters from an alphabet without look-alikes (no 0/O, 1/l/I): about 112 bits, easy to
// read out once to the new operator. Rejection sampling keeps every character equally likely.
std::string generated_password() {
  static constexpr std::string_view kAlphabet =
      "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string out;
  while (out.size() < 20) {
    for (std::uint8_t b : random_bytes(32)) {
      if (b >= 256 - 256 % kAlphabet.size()) continue;
      out.push_back(kAlphabet[b % kAlphabet.size()]);
      if (out.size() == 20) break;
    }
  }
  return out;
}

// The password to set: the one given (checked), or a generated one (returned to the caller).
std::string chosen_password(const std::string& given, const LoginPolicy& policy,
                            NewCredentials& out) {
  if (given.empty()) return out.password = generated_password();
  check_password(given, policy);
  return given;
}

OperatorRecord must_exist(ConsoleTx& tx, const std::string& name) {
  auto op = valid_operator_name(name) ? tx.operator_by_name(name) : std::nullopt;
  if (!op) throw back_office_error(404, "unknown_operator", "operator.unknown");
  return *op;
}

AuditDraft draft(const Actor& by, const std::string& action, const std::string& name) {
  return {by.name, by.role_text(), by.source, action, "", "", "", "operator " + name};
}

std::string state_of(const OperatorRecord& r, std::int64_t now) {
  return r.disabled ? "disabled" : r.locked_until > now ? "locked" : "enabled";
}

}  // namespace

Actor command_line_actor(const std::string& user) {
  Actor a(user);
  a.source = "cli";
  return a;
}

NewCredentials OperatorAccounts::add(const std::string& name, const std::string& role,
                                     const std::string& password, bool with_totp, const Actor& by) {
  require(by, Permission::manage);
  if (!valid_operator_name(name)) throw back_office_error(400, "bad_name", "operator.bad_name");
  if (!parse_role(role)) throw back_office_error(400, "bad_role", "operator.bad_role");
  NewCredentials out;
  OperatorRecord r;
  r.name = name;
  r.role = role;
  r.password_hash = hash_password(chosen_password(password, policy_, out));
  if (with_totp) out.totp_secret = r.totp_secret = new_totp_secret();
  r.created_at = r.updated_at = now();
  store_.transact([&](StoreTx& tx) {
    if (tx.console().operator_by_name(name))
      throw back_office_error(409, "operator_exists", "operator.exists");
    tx.console().insert_operator(r);
    AuditDraft d = draft(by, "operator_added", name);
    d.after =
        role + (with_totp ? ", totp" : "") + (out.password.empty() ? "" : ", generated password");
    append_audit(tx.console(), d, r.created_at);
  });
  return out;
}

void OperatorAccounts::set_disabled(const std::string& name, bool disabled, const Actor& by) {
  require(by, Permission::manage);
  store_.transact([&](StoreTx& tx) {
    auto& c = tx.console();
    OperatorRecord r = must_exist(c, name);
    const std::int64_t t = now();
    if (disabled && !r.disabled && r.role == role_code(Role::admin)) {
      const auto all = c.operators();
      const bool another_admin = std::any_of(all.begin(), all.end(), [&](const OperatorRecord& o) {
        return o.name != name && !o.disabled && o.role == role_code(Role::admin);
      });
      if (!another_admin) throw back_office_error(409, "last_admin", "operator.last_admin");
    }
    AuditDraft d = draft(by, disabled ? "operator_disabled" : "operator_enabled", name);
    d.before = state_of(r, t);
    r.disabled = disabled;
    if (!disabled) r.failed_logins = 0, r.locked_until = 0;
    r.updated_at = t;
    d.after = state_of(r, t);
    c.update_operator(r);
    if (disabled) {
      c.delete_sessions_of(name);
      c.delete_operator_tokens(name);
    }
    append_audit(c, d, t);
  });
}

NewCredentials OperatorAccounts::reset_password(const std::string& name,
                                                const std::string& password, TotpChange totp,
                                                bool enable, const Actor& by) {
  require(by, Permission::manage);
  NewCredentials out;
  const std::string hash = hash_password(chosen_password(password, policy_, out));
  if (totp == TotpChange::renew) out.totp_secret = new_totp_secret();
  store_.transact([&](StoreTx& tx) {
    auto& c = tx.console();
    OperatorRecord r = must_exist(c, name);
    const std::int64_t t = now();
    AuditDraft d = draft(by, "operator_reset", name);
    d.before = state_of(r, t);
    r.password_hash = hash;
    if (totp != TotpChange::keep) r.totp_secret = out.totp_secret, r.totp_last_step = 0;
    if (enable) r.disabled = false;
    r.failed_logins = 0;
    r.locked_until = 0;
    r.updated_at = t;
    d.after = state_of(r, t) + ", new password" +
              (totp == TotpChange::renew    ? ", new totp"
               : totp == TotpChange::remove ? ", no totp"
                                            : "");
    c.update_operator(r);
    c.delete_sessions_of(name);
    c.delete_operator_tokens(name);
    append_audit(c, d, t);
  });
  return out;
}

NewCredentials OperatorAccounts::reset_totp(const std::string& name, bool with_totp,
                                            const Actor& by) {
  require(by, Permission::manage);
  NewCredentials out;
  if (with_totp) out.totp_secret = new_totp_secret();
  store_.transact([&](StoreTx& tx) {
    auto& c = tx.console();
    OperatorRecord r = must_exist(c, name);
    AuditDraft d = draft(by, "operator_totp_reset", name);
    d.before = r.totp_secret.empty() ? "no totp" : "totp";
    d.after = with_totp ? "new totp" : "no totp";
    r.totp_secret = out.totp_secret;
    r.totp_last_step = 0;
    r.updated_at = now();
    c.update_operator(r);
    c.delete_sessions_of(name);  // a session opened with the old second factor ends
    append_audit(c, d, r.updated_at);
  });
  return out;
}

std::string OperatorAccounts::issue_token(const std::string& name, const Actor& by) {
  require(by, Permission::manage);
  const std::string token = random_token();
  store_.transact([&](StoreTx& tx) {
    OperatorRecord r = must_exist(tx.console(), name);
    if (r.disabled) throw back_office_error(409, "operator_disabled", "operator.disabled");
    tx.console().insert_operator_token(sha256_hex(token), name, now());
    append_audit(tx.console(), draft(by, "operator_token_issued", name), now());
  });
  return token;
}

std::int64_t OperatorAccounts::revoke_tokens(const std::string& name, const Actor& by) {
  require(by, Permission::manage);
  std::int64_t revoked = 0;
  store_.transact([&](StoreTx& tx) {
    auto& c = tx.console();
    must_exist(c, name);
    revoked = c.operator_token_count(name);
    c.delete_operator_tokens(name);
    AuditDraft d = draft(by, "operator_tokens_revoked", name);
    d.before = std::to_string(revoked) + " token(s)";
    d.after = "0 tokens";
    append_audit(c, d, now());
  });
  return revoked;
}

std::vector<OperatorSummary> OperatorAccounts::list() {
  std::vector<OperatorSummary> out;
  const std::int64_t t = now();
  store_.transact([&](StoreTx& tx) {
    out.clear();
    for (const auto& o : tx.console().operators())
      out.push_back({o.name, o.role, o.disabled, o.locked_until > t, !o.totp_secret.empty(),
                     tx.console().operator_token_count(o.name), o.created_at, o.updated_at});
  });
  return out;
}

}  // namespace certrenew::server::console
