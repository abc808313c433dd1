#include "console/operator_accounts.hpp"

#include <chrono>

#include "certrenew/core/bytes.hpp"
#include "console/password_hash.hpp"
#include "console/totp.hpp"
#include "service/audit_trail.hpp"
#include "service/catalogue_errors.hpp"
#include "service/digest.hpp"
#include "storage/console_store.hpp"

namespace certrenew::server::console {

std::string random_token() {
  return to_hex(random_bytes(32));
}

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
