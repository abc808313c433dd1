// PIN handling: retry counter, flags, lockout, PIN rules and PIN change.
#include "softtoken_test_support.hpp"

#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

using namespace certrenew::softtoken::testing;

namespace {
constexpr std::uint32_t kPinFlags =
    CRT_TOKEN_PIN_COUNT_LOW | CRT_TOKEN_PIN_FINAL_TRY | CRT_TOKEN_PIN_LOCKED;
}

TEST_CASE("a wrong PIN lowers the retry counter, a right one resets it") {
  OneToken t("PIN-1", 3);

  std::int32_t left = 99;
  CHECK(t.session.login("000000", &left) == CRT_ERR_PIN_INCORRECT);
  CHECK(left == 2);
  CHECK(t.ctx.last_error().find("wrong PIN") != std::string::npos);
  CHECK((t.ctx.info(t.serial).flags & kPinFlags) == CRT_TOKEN_PIN_COUNT_LOW);
  CHECK(t.ctx.info(t.serial).pin_retries_left == 2);

  CHECK(t.session.login("000000", &left) == CRT_ERR_PIN_INCORRECT);
  CHECK(left == 1);
  CHECK((t.ctx.info(t.serial).flags & kPinFlags) ==
        (CRT_TOKEN_PIN_COUNT_LOW | CRT_TOKEN_PIN_FINAL_TRY));

  // The counter is on disk: another context sees it.
  {
    Context other(config_for({t.dir}));
    CHECK(other.info(t.serial).pin_retries_left == 1);
  }

  CHECK(t.session.login(kPin, &left) == CRT_OK);
  CHECK(left == 3);
  const crt_token_info info = t.ctx.info(t.serial);
  CHECK(info.flags == CRT_TOKEN_PIN_CHANGE);
  CHECK(info.pin_retries_left == 3);
}

TEST_CASE("the PIN locks when the tries run out; then even the right PIN is refused") {
  OneToken t("PIN-2", 3);
  std::int32_t left = 99;
  for (int expected = 2; expected >= 0; --expected) {
    CHECK(t.session.login("999999", &left) == CRT_ERR_PIN_INCORRECT);
    CHECK(left == expected);
  }
  const crt_token_info info = t.ctx.info(t.serial);
  CHECK((info.flags & CRT_TOKEN_PIN_LOCKED) != 0);
  CHECK((info.flags & CRT_TOKEN_PIN_FINAL_TRY) == 0);
  CHECK(info.pin_retries_left == 0);

  CHECK(t.session.login(kPin, &left) == CRT_ERR_PIN_LOCKED);
  CHECK(left == 0);
  CHECK(t.session.change_pin(kPin, "654321", &left) == CRT_ERR_PIN_LOCKED);
  CHECK(left == 0);

  Context later(config_for({t.dir}));  // the lock is persistent
  Session again(later, t.serial);
  CHECK(again.login(kPin) == CRT_ERR_PIN_LOCKED);
}

TEST_CASE("a PIN of the wrong length is refused without spending a try") {
  OneToken t("PIN-3", 5);
  std::int32_t left = 99;
  CHECK(t.session.login("123", &left) == CRT_ERR_PIN_INVALID);
  CHECK(left == 5);
  CHECK(t.session.login(std::string(65, '1'), &left) == CRT_ERR_PIN_INVALID);
  CHECK(t.session.change_pin(kPin, "12", &left) == CRT_ERR_PIN_INVALID);
  CHECK(t.session.change_pin(kPin, std::string(65, 'x'), &left) == CRT_ERR_PIN_INVALID);
  CHECK(t.ctx.info(t.serial).pin_retries_left == 5);
  CHECK(driver().login(t.session.get(), nullptr, 0, &left) == CRT_ERR_ARGUMENTS);
  CHECK(t.ctx.info(t.serial).pin_retries_left == 5);
  // 4 and 64 characters are the limits.
  TempDir tmp2;
  const std::string long_pin(64, '7');
  const std::string serial2 = make_token(tmp2.path() / "t", "PIN-3B", 5, long_pin);
  Context ctx2(config_for({tmp2.path() / "t"}));
  Session session2(ctx2, serial2);
  CHECK(session2.login(long_pin) == CRT_OK);
  CHECK(session2.change_pin(long_pin, "1234") == CRT_OK);
  CHECK(session2.login("1234") == CRT_OK);
}

TEST_CASE("changing the PIN: the old one stops working, the new one works, keys stay usable") {
  OneToken t("PIN-4", 4);
  t.login();
  const GeneratedKey key = t.session.generate(CRT_KEY_SM2, 0, "sm2");
  REQUIRE(driver().logout(t.session.get()) == CRT_OK);

  std::int32_t left = 99;
  CHECK(t.session.change_pin("000000", "abcdef", &left) == CRT_ERR_PIN_INCORRECT);
  CHECK(left == 3);
  CHECK(t.session.change_pin(kPin, "abcdef", &left) == CRT_OK);  // no login needed
  CHECK(left == 4);

  Context fresh(config_for({t.dir}));
  Session s2(fresh, t.serial);
  CHECK(s2.login(kPin, &left) == CRT_ERR_PIN_INCORRECT);
  CHECK(left == 3);
  CHECK(s2.login("abcdef", &left) == CRT_OK);
  CHECK(left == 4);
  std::vector<std::uint8_t> signature;
  REQUIRE(s2.sign(key.id, CRT_SIG_SM2_SM3, "after the change", signature) == CRT_OK);
  CHECK(verify_signature(key.spki, CRT_SIG_SM2_SM3, "after the change", signature));
}

TEST_CASE("logout drops the login; a failed re-login keeps the session as it was") {
  OneToken t("PIN-5");
  t.login();
  const GeneratedKey key = t.session.generate(CRT_KEY_EC_P256);
  std::vector<std::uint8_t> signature;
  CHECK(t.session.login("wrong-pin") == CRT_ERR_PIN_INCORRECT);
  CHECK(t.session.sign(key.id, CRT_SIG_ECDSA_P256_SHA256, "m", signature) == CRT_OK);
  REQUIRE(driver().logout(t.session.get()) == CRT_OK);
  CHECK(t.session.sign(key.id, CRT_SIG_ECDSA_P256_SHA256, "m", signature) == CRT_ERR_NOT_LOGGED_IN);
  CHECK(driver().logout(t.session.get()) == CRT_OK);
  // A second t.session of the same context is logged in on its own.
  Session other(t.ctx, t.serial);
  CHECK(other.sign(key.id, CRT_SIG_ECDSA_P256_SHA256, "m", signature) == CRT_ERR_NOT_LOGGED_IN);
}

TEST_CASE("wrong PINs from concurrent contexts are all counted") {
  // Each thread has its own context, as the ABI allows; the token directory's lock serialises
  // the read-modify-write of the counter, so no try is lost.
  TempDir tmp;
  const std::string serial = make_token(tmp.path() / "t", "PIN-6", 20);
  const std::string config = config_for({tmp.path() / "t"});
  constexpr int kThreads = 4;
  constexpr int kTriesEach = 3;
  std::vector<std::thread> threads;
  std::vector<int> incorrect(kThreads, 0);
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      crt_context* ctx = nullptr;
      crt_session* session = nullptr;
      if (driver().open(config.c_str(), &ctx, nullptr, 0) != CRT_OK) return;
      if (driver().open_session(ctx, serial.c_str(), &session) == CRT_OK) {
        for (int n = 0; n < kTriesEach; ++n) {
          const std::string wrong = "wrong-" + std::to_string(i);
          if (driver().login(session, bytes_of(wrong).data(), wrong.size(), nullptr) ==
              CRT_ERR_PIN_INCORRECT)
            ++incorrect[static_cast<std::size_t>(i)];
        }
      }
      driver().close(ctx);
    });
  }
  for (auto& thread : threads) thread.join();
  for (const int count : incorrect) CHECK(count == kTriesEach);
  Context ctx(config);
  CHECK(ctx.info(serial).pin_retries_left == 20 - kThreads * kTriesEach);
}
