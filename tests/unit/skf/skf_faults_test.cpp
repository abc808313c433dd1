// PIN counters, a key pulled out mid-operation, failing writes, device authentication and
// hot-plug, through the SKF bridge over the test double's faults (tests/support/skf_test_module).
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "certrenew/core/secure_buffer.hpp"
#include "skf_test_support.hpp"

using namespace certrenew;
using namespace certrenew::testing;
using token::TokenErrc;

namespace {

SecureBuffer pin(std::string_view text) {
  return SecureBuffer(text);
}

token::TokenError login_error(token::Session& session, std::string_view text) {
  const auto error = error_of([&] { session.login(pin(text)); });
  REQUIRE(error);
  return *error;
}

unsigned user_left(const SkfKeys& keys, const std::string& serial) {
  return keys.device(serial)["applications"][0]["user_retries_left"].get<unsigned>();
}

std::size_t containers(const SkfKeys& keys, const std::string& serial) {
  return keys.device(serial)["applications"][0]["containers"].size();
}

}  // namespace

TEST_CASE("wrong PINs count down to the final try and lock; a locked PIN spends no try") {
  SkfKeys keys;
  SkfApplication app;
  app.user_left = 2;
  keys.add_key("SKF-PIN", {app});
  const auto context = load_skf_bridge().open(keys.config());
  auto session = context.open_session("SKF-PIN");

  auto info = context.token_info("SKF-PIN");
  CHECK(info.pin.retries_left == 2);
  CHECK(info.pin.count_low);
  CHECK_FALSE(info.pin.final_try);

  auto error = login_error(session, "111111");
  CHECK(error.code() == TokenErrc::pin_incorrect);
  CHECK(error.retries_left() == 1);
  info = context.token_info("SKF-PIN");
  CHECK(info.pin.final_try);

  // The try that locks it is still "incorrect" (a try was spent), with none left.
  error = login_error(session, "222222");
  CHECK(error.code() == TokenErrc::pin_incorrect);
  CHECK(error.retries_left() == 0);
  CHECK(context.token_info("SKF-PIN").pin.locked);

  // Now even the right PIN is refused as locked, and the counter is not touched.
  error = login_error(session, "246813");
  CHECK(error.code() == TokenErrc::pin_locked);
  CHECK(user_left(keys, "SKF-PIN") == 0);
  const auto change = error_of([&] { session.change_pin(pin("246813"), pin("135790")); });
  REQUIRE(change);
  CHECK(change->code() == TokenErrc::pin_locked);
}

TEST_CASE("a right PIN refills the tries; a changed PIN replaces the old one") {
  SkfKeys keys;
  SkfApplication app;
  app.user_left = 3;
  app.user_default = true;
  keys.add_key("SKF-CHG", {app});
  const auto context = load_skf_bridge().open(keys.config());
  auto session = context.open_session("SKF-CHG");
  session.login(pin("246813"));
  CHECK(context.token_info("SKF-CHG").pin.retries_left == 6);

  // A new PIN the key refuses (too short) costs nothing and changes nothing.
  const auto short_pin = error_of([&] { session.change_pin(pin("246813"), pin("12")); });
  REQUIRE(short_pin);
  CHECK(short_pin->code() == TokenErrc::pin_invalid);
  CHECK(user_left(keys, "SKF-CHG") == 6);

  session.change_pin(pin("246813"), pin("135790"));
  CHECK_FALSE(keys.device("SKF-CHG")["applications"][0]["user_pin_default"].get<bool>());
  CHECK(login_error(session, "246813").code() == TokenErrc::pin_incorrect);
  session.login(pin("135790"));
}

TEST_CASE("a key pulled out mid-operation fails as not present; plugged back, it works again") {
  SkfKeys keys;
  keys.add_key("SKF-RM");
  const auto context = load_skf_bridge().open(keys.config({{"hotplug", false}}));
  auto session = context.open_session("SKF-RM");
  session.login(pin("246813"));
  const auto key = session.generate_key(token::KeyType::sm2, 0, "k");

  keys.faults("removed");
  const std::string message = "m";
  const ByteView data(reinterpret_cast<const std::uint8_t*>(message.data()), message.size());
  const auto error = error_of([&] { session.sign(key.id, SignatureAlgorithm::sm2_sm3, data); });
  REQUIRE(error);
  CHECK(error->code() == TokenErrc::token_not_present);
  CHECK(context.tokens().empty());

  // Plugged back: the login did not survive, a new session signs again.
  keys.faults("");
  auto again = context.open_session("SKF-RM");
  const auto logged_out = error_of([&] { again.sign(key.id, SignatureAlgorithm::sm2_sm3, data); });
  REQUIRE(logged_out);
  CHECK(logged_out->code() == TokenErrc::not_logged_in);
  again.login(pin("246813"));
  CHECK_FALSE(again.sign(key.id, SignatureAlgorithm::sm2_sm3, data).empty());
}

TEST_CASE("a failing write leaves the key as it was") {
  SkfKeys keys;
  keys.add_key("SKF-WF");
  const auto context = load_skf_bridge().open(keys.config());
  auto session = context.open_session("SKF-WF");
  session.login(pin("246813"));
  const auto before = keys.device("SKF-WF");

  keys.faults("write_fail");
  const auto error = error_of([&] { session.generate_key(token::KeyType::sm2, 0, "k"); });
  REQUIRE(error);
  CHECK(error->code() == TokenErrc::device);
  CHECK(error->driver_message().find("SAR_WRITEFILEERR") != std::string::npos);
  CHECK(keys.device("SKF-WF") == before);
  CHECK(session.objects().empty());
}

TEST_CASE("a key that wants device authentication gets it from the configured key") {
  SkfKeys keys;
  keys.add_key("SKF-DA", {{}}, /*dev_auth_for_writes=*/true);
  const auto driver = load_skf_bridge();
  {
    auto session = driver.open(keys.config()).open_session("SKF-DA");
    session.login(pin("246813"));
    CHECK(error_of([&] { session.generate_key(token::KeyType::sm2, 0, "k"); }));
    CHECK(containers(keys, "SKF-DA") == 0);
  }
  {
    auto session = driver.open(keys.config({{"dev_auth_key", "ffffffffffffffffffffffffffffffff"}}))
                       .open_session("SKF-DA");
    session.login(pin("246813"));
    const auto wrong = error_of([&] { session.generate_key(token::KeyType::sm2, 0, "k"); });
    REQUIRE(wrong);
    CHECK(wrong->code() == TokenErrc::config);
    CHECK(containers(keys, "SKF-DA") == 0);
  }
  auto session =
      driver.open(keys.config({{"dev_auth_key", SkfKeys::kDevAuthKey}})).open_session("SKF-DA");
  session.login(pin("246813"));
  session.generate_key(token::KeyType::sm2, 0, "k");
  CHECK(containers(keys, "SKF-DA") == 1);
}

TEST_CASE("hot-plug: the removal event ends a session on the key at once") {
  SkfKeys keys;
  keys.add_key("SKF-HP");
  const auto context = load_skf_bridge().open(keys.config());
  auto session = context.open_session("SKF-HP");
  const auto saved = keys.device("SKF-HP");
  keys.unplug_file("SKF-HP");

  // Waits for the watcher thread (not a timing assertion: it only bounds a hang).
  std::string message;
  for (int i = 0; i < 500; ++i) {
    const auto error = error_of([&] { session.objects(); });
    REQUIRE(error);
    CHECK(error->code() == TokenErrc::token_not_present);
    message = error->driver_message();
    if (message.find("was removed (密钥已拔出)") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(message.find("was removed (密钥已拔出)") != std::string::npos);

  keys.write_device("SKF-HP", saved);
  auto again = context.open_session("SKF-HP");
  CHECK(again.objects().empty());
}
