// The back office's building blocks (issue 18) on a real SQLite store: TOTP (RFC 6238 vectors),
// Argon2id passwords, operator accounts with lockout, sessions, role checks, the audit chain and
// its tamper evidence.
#include <doctest/doctest.h>

#include <filesystem>
#include <random>
#include <type_traits>

#include "console/operator_accounts.hpp"
#include "console/password_hash.hpp"
#include "console/totp.hpp"
#include "service/api_error.hpp"
#include "service/audit_trail.hpp"
#include "service/catalogue_errors.hpp"
#include "service/digest.hpp"
#include "service/operator_roles.hpp"
#include "storage/console_store.hpp"
#include "storage/sqlite.hpp"
#include "store_backends.hpp"

using namespace certrenew::server;
using namespace certrenew::server::console;
using namespace certrenew::server::testing;
namespace fs = std::filesystem;

namespace {

// The storage cases run on both backends (store_backends.hpp).
template <typename Db>
struct TempStore {
  Db db;
  std::unique_ptr<Store> store;
  std::string unavailable() const { return db.unavailable(); }
  TempStore() {
    if (db.unavailable().empty()) store = db.open();
  }
};

// Lets the test change an entry behind the application's back, as an intruder with database
// access would.
template <typename Db>
void drop_audit_update_guard(const Db& db) {
  if constexpr (std::is_same_v<Db, SqliteDb>)
    db.exec("DROP TRIGGER audit_log_no_update");
  else
    db.exec("DROP TRIGGER audit_log_no_change ON audit_log");
}

int status_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const ApiError& e) {
    return e.status();
  }
  return 0;
}

std::string code_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const ApiError& e) {
    return e.code();
  }
  return "";
}

}  // namespace

TEST_CASE("TOTP matches RFC 6238's SHA-1 vectors and base32 round-trips") {
  const std::string seed = "12345678901234567890";
  const std::vector<std::uint8_t> key(seed.begin(), seed.end());
  CHECK(hotp(key, 59 / 30, 8) == "94287082");
  CHECK(hotp(key, 1111111109 / 30, 8) == "07081804");
  CHECK(hotp(key, 20000000000 / 30, 8) == "65353130");
  const std::string b32 = base32_encode(key);
  CHECK(b32 == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  CHECK(base32_decode(b32) == key);
  CHECK_FALSE(base32_decode("not base32!"));
  // The 6-digit code of a time step is accepted one step either side, not further.
  const std::int64_t t = 1'800'000'000;
  const std::string code = hotp(key, static_cast<std::uint64_t>(t / 30), 6);
  CHECK(match_totp(b32, code, t) == t / 30);
  CHECK(match_totp(b32, code, t + 30) == t / 30);
  CHECK_FALSE(match_totp(b32, code, t + 90));
  CHECK_FALSE(match_totp(b32, "12345", t));
  CHECK_FALSE(match_totp(b32, "abcdef", t));
}

TEST_CASE("passwords are stored as Argon2id and verified") {
  const std::string h = hash_password("correct horse battery");
  CHECK(h.rfind("$argon2id$", 0) == 0);
  CHECK(h.find("correct") == std::string::npos);
  CHECK(verify_password(h, "correct horse battery"));
  CHECK_FALSE(verify_password(h, "correct horse batterY"));
  CHECK_FALSE(verify_password("garbage", "correct horse battery"));
}

TEST_CASE("roles separate duties") {
  const Actor finance("f", Role::finance, "");
  const Actor reviewer("r", Role::reviewer, "");
  const Actor admin("a", Role::admin, "");
  CHECK(allowed(finance, Permission::confirm_payment));
  CHECK_FALSE(allowed(finance, Permission::review));
  CHECK(allowed(reviewer, Permission::review));
  CHECK_FALSE(allowed(reviewer, Permission::confirm_payment));
  CHECK_FALSE(allowed(admin, Permission::review));
  CHECK_FALSE(allowed(admin, Permission::confirm_payment));
  CHECK(allowed(admin, Permission::manage));
  CHECK(code_of([&] { require(reviewer, Permission::confirm_payment); }) == "forbidden_role");
}

TEST_CASE_TEMPLATE(
    "operators log in, are locked after repeated failures, and every attempt is "
    "audited",
    Db, BACKENDS) {
  TempStore<Db> s;
  SKIP_IF_UNAVAILABLE(s);
  std::int64_t now = 1'800'000'000;
  LoginPolicy policy;
  policy.max_failures = 3;
  OperatorAccounts accounts(*s.store, policy, [&] { return now; });
  CHECK(status_of([&] { accounts.add("Bad Name", "finance", "long enough pw", false, "t"); }) ==
        400);
  CHECK(status_of([&] { accounts.add("fin", "boss", "long enough pw", false, "t"); }) == 400);
  CHECK(status_of([&] { accounts.add("fin", "finance", "short", false, "t"); }) == 400);
  accounts.add("fin", "finance", "long enough pw", false, "t");
  CHECK(status_of([&] { accounts.add("fin", "finance", "long enough pw", false, "t"); }) == 409);

  NewSession ok = accounts.login("fin", "long enough pw", "", "10.0.0.1");
  CHECK(ok.session_id.size() == 64);
  CHECK(ok.actor.role == Role::finance);
  auto live = accounts.session(ok.session_id);
  REQUIRE(live);
  CHECK(live->csrf_token == ok.csrf_token);
  CHECK_FALSE(accounts.session(std::string(64, '0')));

  for (int i = 0; i < 3; ++i)
    CHECK(code_of([&] { accounts.login("fin", "wrong password!", "", "10.0.0.2"); }) ==
          "login_failed");
  // Locked now, even with the right password; unlocked after the lock's time.
  CHECK(code_of([&] { accounts.login("fin", "long enough pw", "", "10.0.0.1"); }) ==
        "account_locked");
  now += policy.lock_seconds + 1;
  CHECK_NOTHROW(accounts.login("fin", "long enough pw", "", "10.0.0.1"));
  CHECK(code_of([&] { accounts.login("nobody", "long enough pw", "", "10.0.0.1"); }) ==
        "login_failed");

  // Idle sessions end; a disabled operator's sessions end at once.
  NewSession later = accounts.login("fin", "long enough pw", "", "10.0.0.1");
  now += policy.idle_seconds + 1;
  CHECK_FALSE(accounts.session(later.session_id));
  NewSession fresh = accounts.login("fin", "long enough pw", "", "10.0.0.1");
  accounts.disable("fin", "t");
  CHECK_FALSE(accounts.session(fresh.session_id));
  CHECK(code_of([&] { accounts.login("fin", "long enough pw", "", "10.0.0.1"); }) ==
        "login_failed");
  accounts.reset("fin", "another long pw", false, "t");
  CHECK_NOTHROW(accounts.login("fin", "another long pw", "", "10.0.0.1"));

  std::vector<std::string> actions;
  s.store->transact([&](StoreTx& tx) {
    for (const auto& e : tx.console().audit_entries({})) actions.push_back(e.action);
    CHECK(verify_audit_chain(tx.console()).intact);
  });
  CHECK(std::count(actions.begin(), actions.end(), "login_failed") >= 5);
  CHECK(std::count(actions.begin(), actions.end(), "operator_disabled") == 1);
  CHECK(std::count(actions.begin(), actions.end(), "operator_reset") == 1);
}

TEST_CASE_TEMPLATE("a TOTP code is needed when set up, and works once", Db, BACKENDS) {
  TempStore<Db> s;
  SKIP_IF_UNAVAILABLE(s);
  std::int64_t now = 1'800'000'000;
  OperatorAccounts accounts(*s.store, {}, [&] { return now; });
  const std::string secret =
      accounts.add("rev", "reviewer", "long enough pw", true, "t").totp_secret;
  REQUIRE_FALSE(secret.empty());
  const std::string code = hotp(*base32_decode(secret), static_cast<std::uint64_t>(now / 30), 6);
  CHECK(code_of([&] { accounts.login("rev", "long enough pw", "", "x"); }) == "login_failed");
  CHECK_NOTHROW(accounts.login("rev", "long enough pw", code, "x"));
  CHECK(code_of([&] { accounts.login("rev", "long enough pw", code, "x"); }) == "login_failed");
}

TEST_CASE_TEMPLATE("the audit log is append-only and a changed entry breaks the chain from there",
                   Db, BACKENDS) {
  TempStore<Db> s;
  SKIP_IF_UNAVAILABLE(s);
  s.store->transact([&](StoreTx& tx) {
    for (int i = 0; i < 4; ++i)
      append_audit(tx.console(),
                   {"op", "reviewer", "1.2.3.4", "approve", "0120261204000001", "under_review/paid",
                    "approved/paid", std::to_string(i)},
                   1'800'000'000 + i);
    const auto v = verify_audit_chain(tx.console());
    CHECK(v.intact);
    CHECK(v.entries == 4);
  });
  // The database itself refuses changes...
  CHECK_THROWS(s.db.exec("UPDATE audit_log SET detail = 'x' WHERE seq = 2"));
  CHECK_THROWS(s.db.exec("DELETE FROM audit_log WHERE seq = 4"));
  // ...and someone who drops the guard is still caught by the hashes.
  drop_audit_update_guard(s.db);
  s.db.exec("UPDATE audit_log SET after = 'rejected/paid' WHERE seq = 2");
  s.store->transact([&](StoreTx& tx) {
    const auto v = verify_audit_chain(tx.console());
    CHECK_FALSE(v.intact);
    CHECK(v.first_bad_seq == 2);
  });
}

TEST_CASE("the back office catalogue has every sentence in both languages") {
  for (const auto& e : certrenew::server::back_office_catalogue().entries()) {
    CAPTURE(e.id);
    bool zh_has_cjk = false;
    for (unsigned char c : e.zh) zh_has_cjk = zh_has_cjk || c >= 0xE3;
    bool en_ascii = !e.en.empty();
    for (unsigned char c : e.en) en_ascii = en_ascii && c < 0x80;
    CHECK(zh_has_cjk);
    CHECK(en_ascii);
  }
}

TEST_CASE_TEMPLATE(
    "admins manage accounts through one set of rules: roles checked, the last admin kept, "
    "secrets shown once, every change audited",
    Db, BACKENDS) {
  TempStore<Db> s;
  SKIP_IF_UNAVAILABLE(s);
  std::int64_t now = 1'800'000'000;
  OperatorAccounts accounts(*s.store, {}, [&] { return now; });
  const Actor cli = command_line_actor("cli:root");
  // The first admin from the command line, with a generated password.
  const NewCredentials first = accounts.add("root", "admin", "", false, cli);
  CHECK(first.password.size() == 20);
  CHECK_NOTHROW(accounts.login("root", first.password, "", "10.0.0.1"));
  const Actor root("root", Role::admin, "10.0.0.1");
  const Actor finance("fin", Role::finance, "10.0.0.2");
  const Actor reviewer("rev", Role::reviewer, "10.0.0.3");

  // Only admins manage; a refused change changes nothing.
  accounts.add("fin", "finance", "long enough pw", false, root);
  CHECK(code_of([&] { accounts.add("eve", "admin", "long enough pw", false, finance); }) ==
        "forbidden_role");
  CHECK(code_of([&] { accounts.set_disabled("root", true, reviewer); }) == "forbidden_role");
  CHECK(code_of([&] { accounts.issue_token("fin", finance); }) == "forbidden_role");
  CHECK(accounts.list().size() == 2);
  // Bad input: clear refusals.
  CHECK(status_of([&] { accounts.add("rev", "boss", "", false, root); }) == 400);
  CHECK(status_of([&] { accounts.add("rev", "reviewer", "short", false, root); }) == 400);
  CHECK(status_of([&] { accounts.set_disabled("nobody", true, root); }) == 404);
  CHECK(status_of([&] { accounts.reset_totp("../root", true, root); }) == 404);

  // The last enabled admin cannot be disabled, by itself or anyone; with a second one it can.
  CHECK(code_of([&] { accounts.set_disabled("root", true, root); }) == "last_admin");
  CHECK(code_of([&] { accounts.disable("root", cli); }) == "last_admin");
  accounts.add("adm2", "admin", "long enough pw", false, root);
  accounts.disable("root", root);
  CHECK(code_of([&] { accounts.disable("adm2", root); }) == "last_admin");
  accounts.set_disabled("root", false, cli);
  CHECK_NOTHROW(accounts.login("root", first.password, "", "10.0.0.1"));

  // API tokens: issued once (only the hash kept), revoked; a disabled operator gets none.
  const std::string token = accounts.issue_token("fin", root);
  CHECK(token.size() == 64);
  s.store->transact([&](StoreTx& tx) {
    CHECK(tx.console().operator_for_token(sha256_hex(token)) == "fin");
    CHECK(tx.console().operator_token_count("fin") == 1);
  });
  CHECK(accounts.list()[1].api_tokens == 1);
  CHECK(accounts.revoke_tokens("fin", root) == 1);
  s.store->transact(
      [&](StoreTx& tx) { CHECK_FALSE(tx.console().operator_for_token(sha256_hex(token))); });

  // A password reset (generated) ends the sessions; the old password no longer works.
  NewSession before = accounts.login("fin", "long enough pw", "", "10.0.0.2");
  const NewCredentials reset = accounts.reset_password("fin", "", TotpChange::keep, false, root);
  CHECK(reset.password.size() == 20);
  CHECK_FALSE(accounts.session(before.session_id));
  CHECK(code_of([&] { accounts.login("fin", "long enough pw", "", "x"); }) == "login_failed");
  CHECK_NOTHROW(accounts.login("fin", reset.password, "", "x"));

  // TOTP set up and removed from the console.
  const NewCredentials totp = accounts.reset_totp("fin", true, root);
  REQUIRE_FALSE(totp.totp_secret.empty());
  CHECK(code_of([&] { accounts.login("fin", reset.password, "", "x"); }) == "login_failed");
  accounts.reset_totp("fin", false, root);
  CHECK_NOTHROW(accounts.login("fin", reset.password, "", "x"));

  // A disabled operator cannot log in, nor get a token, until enabled again.
  accounts.disable("fin", root);
  CHECK(code_of([&] { accounts.login("fin", reset.password, "", "x"); }) == "login_failed");
  CHECK(code_of([&] { accounts.issue_token("fin", root); }) == "operator_disabled");
  accounts.set_disabled("fin", false, root);
  CHECK_NOTHROW(accounts.login("fin", reset.password, "", "x"));

  std::vector<std::string> acts;
  s.store->transact([&](StoreTx& tx) {
    AuditQuery q;
    q.actor = "root";
    for (const auto& e : tx.console().audit_entries(q))
      if (e.action.rfind("operator_", 0) == 0) {
        acts.push_back(e.action);
        CHECK(e.role == "admin");
        CHECK(e.source == "10.0.0.1");
      }
    CHECK(verify_audit_chain(tx.console()).intact);
  });
  CHECK(acts == std::vector<std::string>{"operator_added", "operator_added", "operator_disabled",
                                         "operator_token_issued", "operator_tokens_revoked",
                                         "operator_reset", "operator_totp_reset",
                                         "operator_totp_reset", "operator_disabled",
                                         "operator_enabled"});
}
