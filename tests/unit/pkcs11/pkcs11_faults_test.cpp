// PIN and device states SoftHSM2 never shows, injected by the fault module
// (tests/support/pkcs11_faulty) wrapped around a real SoftHSM2 token, seen through the bridge and
// the plugin host as the client sees them.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>

#include "certrenew/core/secure_buffer.hpp"
#include "certrenew/core/token/token_error.hpp"
#include "pkcs11_test_support.hpp"

using namespace certrenew;
using namespace certrenew::testing;
using token::TokenErrc;
using token::TokenError;

namespace {

const std::string kMessage = "signed through the fault module";

// The error a login with `pin` fails with; the test fails when the login succeeds.
TokenError login_error(token::Session& session, std::string_view pin) {
  const auto error = error_of([&] { session.login(SecureBuffer(pin)); });
  REQUIRE(error);
  return *error;
}

// A SoftHSM2 token behind the fault module, with the module's control and log files.
struct FaultyToken {
  SoftHsmToken token;
  TempDir files;
  std::filesystem::path control = files.path() / "faults";
  std::filesystem::path log = files.path() / "calls.log";
  ScopedEnv control_env{"CERTRENEW_FAULTY_PKCS11_CONTROL", control.string()};
  ScopedEnv log_env{"CERTRENEW_FAULTY_PKCS11_LOG", log.string()};
  ScopedEnv pad_env{"CERTRENEW_FAULTY_PKCS11_PAD_PIN", token.pin()};

  std::string config() const {
    return bridge_config(faulty_module_file(), "pkcs11:serial=" + token.serial());
  }
  void faults(const std::string& words) const { set_faults(control, words); }
  // How many C_Login calls reached the module so far.
  int logins() const {
    std::ifstream in(log);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    int count = 0;
    for (std::size_t pos = 0; (pos = text.find("C_Login", pos)) != std::string::npos; ++pos)
      ++count;
    return count;
  }
};

// A FaultyToken with a bridge context on it and a session on the token, not logged in.
struct FaultySession : FaultyToken {
  token::TokenContext context = open_bridge(config());
  token::Session session = context.open_session(token.serial());
};

}  // namespace

TEST_CASE("the token's PIN flags reach TokenInfo: count low, final try, locked, PIN pad") {
  FaultyToken t;
  const auto context = open_bridge(t.config());

  t.faults("");
  token::TokenInfo info = context.token_info(t.token.serial());
  CHECK_FALSE(info.pin.count_low);
  CHECK_FALSE(info.pin.retries_left.has_value());
  CHECK_FALSE(info.pin_pad);
  CHECK(info.can_change_pin);

  t.faults("count_low");
  info = context.token_info(t.token.serial());
  CHECK(info.pin.count_low);
  CHECK_FALSE(info.pin.final_try);
  CHECK_FALSE(info.pin.retries_left.has_value());

  t.faults("count_low final_try");
  info = context.token_info(t.token.serial());
  CHECK(info.pin.final_try);
  CHECK(info.pin.retries_left == 1);

  t.faults("count_low final_try locked");  // a confused token: locked wins
  info = context.token_info(t.token.serial());
  CHECK(info.pin.locked);
  CHECK_FALSE(info.pin.final_try);
  CHECK(info.pin.retries_left == 0);

  t.faults("pin_pad");
  info = context.token_info(t.token.serial());
  CHECK(info.pin_pad);
  CHECK_FALSE(info.can_change_pin);
}

TEST_CASE("a locked PIN is refused as locked without spending a try") {
  FaultySession t;
  t.faults("locked");
  const int before = t.logins();
  const TokenError error = login_error(t.session, t.token.pin());
  CHECK(error.code() == TokenErrc::pin_locked);
  CHECK(error.retries_left() == 0);
  CHECK(t.logins() == before);  // no C_Login reached the token

  t.faults("login_locked");  // the token itself says so
  const TokenError said = login_error(t.session, t.token.pin());
  CHECK(said.code() == TokenErrc::pin_locked);
  CHECK(std::string(said.what()).find("CKR_PIN_LOCKED") != std::string::npos);
}

TEST_CASE("a wrong PIN reports what the token tells") {
  FaultySession t;

  t.faults("login_incorrect");
  const TokenError error = login_error(t.session, t.token.pin());
  CHECK(error.code() == TokenErrc::pin_incorrect);
  CHECK_FALSE(error.retries_left().has_value());
  CHECK(std::string(error.what()).find("does not say how many tries") != std::string::npos);

  t.faults("login_incorrect count_low final_try");
  const TokenError told = login_error(t.session, t.token.pin());
  CHECK(told.code() == TokenErrc::pin_incorrect);
  CHECK(told.retries_left() == 1);
  CHECK(std::string(told.what()).find("next wrong PIN locks") != std::string::npos);
}

TEST_CASE("a token with three tries: wrong PINs run the counter down to locked") {
  FaultySession t;
  t.faults("pin_tries=3");

  auto wrong = [&] { return login_error(t.session, "000000"); };
  const TokenError first = wrong();
  CHECK(first.code() == TokenErrc::pin_incorrect);
  CHECK_FALSE(first.retries_left().has_value());  // 2 left, but PKCS#11 only says "low"
  CHECK(t.context.token_info(t.token.serial()).pin.count_low);

  const TokenError second = wrong();
  CHECK(second.retries_left() == 1);
  CHECK(t.context.token_info(t.token.serial()).pin.final_try);

  const TokenError third = wrong();
  CHECK(third.code() == TokenErrc::pin_incorrect);
  CHECK(third.retries_left() == 0);
  CHECK(std::string(third.what()).find("now locked") != std::string::npos);
  CHECK(t.context.token_info(t.token.serial()).pin.locked);

  const int before = t.logins();
  const TokenError right_but_locked = login_error(t.session, t.token.pin());
  CHECK(right_but_locked.code() == TokenErrc::pin_locked);
  CHECK(t.logins() == before);

  // Unblocking (a new emulated counter) and the right PIN: all tries back, flags clear.
  t.faults("pin_tries=2");
  t.session.login(SecureBuffer(t.token.pin()));
  const token::TokenInfo info = t.context.token_info(t.token.serial());
  CHECK_FALSE(info.pin.count_low);
  CHECK_FALSE(info.pin.final_try);
  CHECK_FALSE(info.pin.locked);
}

TEST_CASE("a PIN-pad token logs in with an empty PIN, and a cancel on the pad is reported") {
  FaultyToken t;
  const auto key = t.token.enroll(SoftHsmKey::ec_p256, "01", "pad key");
  const auto context = open_bridge(t.config());
  token::Session session = context.open_session(t.token.serial());

  t.faults("pin_pad pad_cancel");
  const TokenError cancelled = login_error(session, "");
  CHECK(cancelled.code() == TokenErrc::cancelled);

  t.faults("pin_pad");
  session.login(SecureBuffer());  // the "device" types the PIN
  CHECK(verifies(key.spki, as_bytes(kMessage),
                 session.sign(key.id, SignatureAlgorithm::ecdsa_p256_sha256, as_bytes(kMessage))));

  t.faults("");  // without a PIN pad an empty PIN never reaches the token
  session.logout();
  const TokenError empty = login_error(session, "");
  CHECK(empty.code() == TokenErrc::pin_invalid);
}

TEST_CASE("a removed token is reported as not present") {
  FaultyToken t;
  const auto key = t.token.enroll(SoftHsmKey::ec_p256, "01", "removed key");
  const auto context = open_bridge(t.config());
  token::Session session = context.open_session(t.token.serial());
  session.login(SecureBuffer(t.token.pin()));

  t.faults("removed");
  CHECK(context.tokens().empty());
  const auto sign = error_of(
      [&] { session.sign(key.id, SignatureAlgorithm::ecdsa_p256_sha256, as_bytes(kMessage)); });
  REQUIRE(sign);
  CHECK(sign->code() == TokenErrc::token_not_present);
  const auto list = error_of([&] { session.objects(); });
  REQUIRE(list);
  CHECK(list->code() == TokenErrc::token_not_present);
  const auto info = error_of([&] { context.token_info(t.token.serial()); });
  REQUIRE(info);
  CHECK(info->code() == TokenErrc::token_not_present);

  t.faults("");  // plugged back in
  CHECK(context.tokens().size() == 1);
}

TEST_CASE("a generated key the token does not protect is deleted and refused") {
  FaultySession t;
  t.session.login(SecureBuffer(t.token.pin()));
  const std::size_t before = t.session.objects().size();

  t.faults("extractable");
  const auto error = error_of([&] { t.session.generate_key(token::KeyType::ec_p256, 0, "leaky"); });
  REQUIRE(error);
  CHECK(error->code() == TokenErrc::not_supported);
  CHECK(std::string(error->what()).find("CKA_NEVER_EXTRACTABLE is false") != std::string::npos);
  t.faults("");
  CHECK(t.session.objects().size() == before);
  CHECK(pkcs11_tool_objects(t.token).find("leaky") == std::string::npos);
}
