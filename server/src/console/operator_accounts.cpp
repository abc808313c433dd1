#include "console/operator_accounts.hpp"

#include <chrono>

#include "certrenew/core/bytes.hpp"
#include "console/password_hash.hpp"
#include "console/totp.hpp"
#include "service/audit_trail.hpp"
#include "service/back_office_text.hpp"
#include "service/digest.hpp"
#include "storage/console_store.hpp"

namespace certrenew::server::console {

namespace {

std::string random_token() {
  return to_hex(random_bytes(32));
}

void check_password(const std::string& password, const LoginPolicy& policy) {
  // Length in code points would be fairer to Chinese passwords; bytes are a stricter floor.
  if (password.size() < policy.min_password_length)
    throw back_office_error(400, "weak_password", "operator.weak_password");
}

OperatorRecord must_exist(ConsoleTx& tx, const std::string& name) {
  auto op = tx.operator_by_name(name);
  if (!op) throw back_office_error(404, "unknown_operator", "operator.unknown");
  return *op;
}

AuditDraft cli_draft(const std::string& by, const std::string& action, const std::string& name) {
  return {by, "cli", "cli", action, "", "", "", "operator " + name};
}

}  // namespace

bool valid_operator_name(const std::string& name) {
  if (name.empty() || name.size() > 32) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
      return false;
  return true;
}

OperatorAccounts::OperatorAccounts(Store& store, LoginPolicy policy, Now now)
    : store_(store), policy_(policy), now_(std::move(now)) {}

std::int64_t OperatorAccounts::now() const {
  if (now_) return now_();
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string OperatorAccounts::add(const std::string& name, const std::string& role,
                                  const std::string& password, bool with_totp,
                                  const std::string& by) {
  if (!valid_operator_name(name)) throw back_office_error(400, "bad_name", "operator.bad_name");
  if (!parse_role(role)) throw back_office_error(400, "bad_role", "operator.bad_role");
  check_password(password, policy_);
  OperatorRecord r;
  r.name = name;
  r.role = role;
  r.password_hash = hash_password(password);  // slow: outside the transaction
  if (with_totp) r.totp_secret = new_totp_secret();
  r.created_at = r.updated_at = now();
  store_.transact([&](StoreTx& tx) {
    if (tx.console().operator_by_name(name))
      throw back_office_error(409, "operator_exists", "operator.exists");
    tx.console().insert_operator(r);
    AuditDraft d = cli_draft(by, "operator_added", name);
    d.after = role + (with_totp ? ", totp" : "");
    append_audit(tx.console(), d, r.created_at);
  });
  return r.totp_secret;
}

void OperatorAccounts::disable(const std::string& name, const std::string& by) {
  store_.transact([&](StoreTx& tx) {
    OperatorRecord r = must_exist(tx.console(), name);
    AuditDraft d = cli_draft(by, "operator_disabled", name);
    d.before = r.disabled ? "disabled" : "enabled";
    d.after = "disabled";
    r.disabled = true;
    r.updated_at = now();
    tx.console().update_operator(r);
    tx.console().delete_sessions_of(name);
    tx.console().delete_operator_tokens(name);
    append_audit(tx.console(), d, r.updated_at);
  });
}

std::string OperatorAccounts::reset(const std::string& name, const std::string& password,
                                    bool with_totp, const std::string& by) {
  check_password(password, policy_);
  const std::string hash = hash_password(password);
  const std::string secret = with_totp ? new_totp_secret() : "";
  store_.transact([&](StoreTx& tx) {
    OperatorRecord r = must_exist(tx.console(), name);
    AuditDraft d = cli_draft(by, "operator_reset", name);
    d.before = r.disabled ? "disabled" : r.locked_until > now() ? "locked" : "enabled";
    d.after = std::string("enabled") + (with_totp ? ", new totp" : "");
    r.password_hash = hash;
    r.totp_secret = secret;
    r.totp_last_step = 0;
    r.disabled = false;
    r.failed_logins = 0;
    r.locked_until = 0;
    r.updated_at = now();
    tx.console().update_operator(r);
    tx.console().delete_sessions_of(name);
    tx.console().delete_operator_tokens(name);
    append_audit(tx.console(), d, r.updated_at);
  });
  return secret;
}

std::string OperatorAccounts::issue_token(const std::string& name, const std::string& by) {
  const std::string token = random_token();
  store_.transact([&](StoreTx& tx) {
    OperatorRecord r = must_exist(tx.console(), name);
    if (r.disabled) throw back_office_error(409, "operator_disabled", "operator.unknown");
    tx.console().insert_operator_token(sha256_hex(token), name, now());
    append_audit(tx.console(), cli_draft(by, "operator_token_issued", name), now());
  });
  return token;
}

NewSession OperatorAccounts::login(const std::string& name, const std::string& password,
                                   const std::string& totp_code, const std::string& source) {
  const std::int64_t t = now();
  std::optional<OperatorRecord> op;
  store_.transact([&](StoreTx& tx) { op = tx.console().operator_by_name(name); });
  // The hash is checked outside any transaction (it takes a while); a missing account costs the
  // same time, so timing does not tell which names exist.
  static const std::string dummy = hash_password("certrenew-no-such-operator");
  const bool password_ok = verify_password(op ? op->password_hash : dummy, password);

  NewSession out;
  std::optional<ApiError> refusal;
  store_.transact([&](StoreTx& tx) {
    auto& c = tx.console();
    auto r = c.operator_by_name(name);  // again: it may have changed meanwhile
    AuditDraft d{r ? name : "", r ? r->role : "", source, "login_failed", "", "", "", ""};
    if (!r) {
      d.detail = "unknown operator name";  // the name itself is not recorded: it may be a password
      append_audit(c, d, t);
      refusal = back_office_error(401, "login_failed", "login.failed");
      return;
    }
    if (r->locked_until > t) {
      d.detail = "account locked";
      append_audit(c, d, t);
      refusal = back_office_error(429, "account_locked", "login.locked");
      return;
    }
    std::optional<std::int64_t> step;
    if (!r->totp_secret.empty()) step = match_totp(r->totp_secret, totp_code, t);
    const bool totp_ok = r->totp_secret.empty() || (step && *step > r->totp_last_step);
    if (r->disabled || !password_ok || !totp_ok) {
      d.detail = r->disabled ? "disabled" : !password_ok ? "wrong password" : "wrong one-time code";
      if (++r->failed_logins >= policy_.max_failures) {
        r->locked_until = t + policy_.lock_seconds;
        r->failed_logins = 0;
        d.after = "locked";
      }
      r->updated_at = t;
      c.update_operator(*r);
      append_audit(c, d, t);
      refusal = back_office_error(401, "login_failed", "login.failed");
      return;
    }
    r->failed_logins = 0;
    if (step) r->totp_last_step = *step;
    r->updated_at = t;
    c.update_operator(*r);
    c.delete_expired_sessions(t);
    out.session_id = random_token();
    out.csrf_token = random_token();
    out.expires_at = t + policy_.session_seconds;
    out.actor = Actor(name, *parse_role(r->role), source);
    c.insert_session(
        {sha256_hex(out.session_id), name, out.csrf_token, source, t, out.expires_at, t});
    d.action = "login";
    append_audit(c, d, t);
  });
  if (refusal) throw *refusal;  // after the transaction: the failure count is kept
  return out;
}

std::optional<LiveSession> OperatorAccounts::session(const std::string& session_id) {
  if (session_id.size() != 64) return std::nullopt;
  const std::int64_t t = now();
  std::optional<LiveSession> out;
  store_.transact([&](StoreTx& tx) {
    auto& c = tx.console();
    const std::string id_hash = sha256_hex(session_id);
    auto s = c.session(id_hash);
    if (!s) return;
    auto op = c.operator_by_name(s->operator_name);
    if (s->expires_at <= t || s->last_seen + policy_.idle_seconds <= t || !op || op->disabled) {
      c.delete_session(id_hash);
      return;
    }
    auto role = parse_role(op->role);
    if (!role) return;
    c.touch_session(id_hash, t);
    out = LiveSession{id_hash, s->csrf_token, Actor(op->name, *role, s->source)};
  });
  return out;
}

void OperatorAccounts::logout(const std::string& session_id) {
  store_.transact([&](StoreTx& tx) { tx.console().delete_session(sha256_hex(session_id)); });
}

}  // namespace certrenew::server::console
