// The C++ facade over a driver: tokens, PIN handling and its errors, object lifetimes, and two
// drivers loaded side by side.
#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "certrenew/core/token/plugin_host.hpp"
#include "certrenew/core/token/session.hpp"
#include "certrenew/core/token/token_context.hpp"
#include "certrenew/core/token/token_error.hpp"

#if defined(__linux__)
#include <dlfcn.h>
#endif

using namespace certrenew;
using namespace certrenew::token;

namespace {

Driver load(const char* path) {
  PluginHost host;
  auto result = host.load_file(path);
  REQUIRE(std::holds_alternative<Driver>(result));
  return std::get<Driver>(result);
}

// Runs `fn`, which must throw TokenError, and returns the error.
template <typename Fn>
TokenError token_error_from(Fn&& fn) {
  try {
    fn();
  } catch (const TokenError& e) {
    return e;
  }
  FAIL("no TokenError was thrown");
  return TokenError(TokenErrc::general, "", "");
}

PinState pin_state(const TokenContext& ctx) {
  return ctx.token_info("EXAMPLE-0001").pin;
}

}  // namespace

TEST_CASE("status codes map one to one, unknown ones to general") {
  CHECK(errc_from_status(CRT_ERR_PIN_INCORRECT) == TokenErrc::pin_incorrect);
  CHECK(errc_from_status(CRT_ERR_DATA_INVALID) == TokenErrc::data_invalid);
  CHECK(errc_from_status(CRT_ERR_GENERAL) == TokenErrc::general);
  CHECK(errc_from_status(4711) == TokenErrc::general);
  CHECK(errc_from_status(-3) == TokenErrc::general);
  for (std::int32_t s = CRT_ERR_GENERAL; s <= CRT_ERR_DATA_INVALID; ++s)
    CHECK(static_cast<std::int32_t>(errc_from_status(s)) == s);

  const TokenError unknown = TokenError::from_status("sign", 4711, "device says no");
  CHECK(unknown.code() == TokenErrc::general);
  CHECK(unknown.status() == 4711);
  CHECK(std::string(unknown.what()) ==
        "sign failed: the driver returned unknown status 4711 (driver: device says no)");

  const TokenError pin = TokenError::from_status("log in", CRT_ERR_PIN_INCORRECT, "wrong PIN", 1);
  CHECK(std::string(pin.what()) ==
        "log in failed: the PIN is incorrect; 1 try left (driver: wrong PIN)");
}

TEST_CASE("the example token is listed with its PIN state") {
  const TokenContext ctx = load(EXAMPLE_DRIVER).open();
  const auto tokens = ctx.tokens();
  REQUIRE(tokens.size() == 1);
  const TokenInfo& t = tokens.front();
  CHECK(t.id == "EXAMPLE-0001");
  CHECK(t.label == "Example token");
  CHECK(t.manufacturer == "CertRenew SDK");
  CHECK(t.model == "minimal example");
  CHECK(t.pin.retries_left == 3);
  CHECK(t.pin.retries_max == 3);
  CHECK_FALSE(t.pin.count_low);
  CHECK_FALSE(t.pin.final_try);
  CHECK_FALSE(t.pin.locked);
  CHECK(t.pin.min_len == 4);
  CHECK_FALSE(t.pin_pad);
  CHECK_FALSE(t.can_change_pin);
  CHECK(ctx.mechanisms("EXAMPLE-0001").empty());

  const TokenError missing = token_error_from([&] { ctx.token_info("NO-SUCH-TOKEN"); });
  CHECK(missing.code() == TokenErrc::token_not_present);
  CHECK(missing.driver_message() == "no such token");
}

TEST_CASE("wrong PINs count down with FINAL_TRY and LOCKED; a right one resets") {
  const TokenContext ctx = load(EXAMPLE_DRIVER).open();
  Session session = ctx.open_session("EXAMPLE-0001");

  TokenError first = token_error_from([&] { session.login(SecureBuffer("000000")); });
  CHECK(first.code() == TokenErrc::pin_incorrect);
  CHECK(first.retries_left() == 2);
  CHECK(first.driver_message() == "wrong PIN");
  CHECK(std::string(first.what()).find("2 tries left") != std::string::npos);
  CHECK(pin_state(ctx).count_low);
  CHECK_FALSE(pin_state(ctx).final_try);

  TokenError second = token_error_from([&] { session.login(SecureBuffer("000000")); });
  CHECK(second.retries_left() == 1);
  CHECK(pin_state(ctx).final_try);
  CHECK(pin_state(ctx).retries_left == 1);

  SUBCASE("the right PIN logs in and resets the counter") {
    session.login(SecureBuffer("123456"));
    CHECK(pin_state(ctx).retries_left == 3);
    CHECK_FALSE(pin_state(ctx).count_low);
    session.logout();
  }
  SUBCASE("a third wrong PIN locks, and then even the right one is refused") {
    TokenError third = token_error_from([&] { session.login(SecureBuffer("000000")); });
    CHECK(third.code() == TokenErrc::pin_incorrect);
    CHECK(third.retries_left() == 0);
    CHECK(pin_state(ctx).locked);
    TokenError locked = token_error_from([&] { session.login(SecureBuffer("123456")); });
    CHECK(locked.code() == TokenErrc::pin_locked);
    CHECK(locked.retries_left() == 0);
  }
}

TEST_CASE("PINs the token cannot take spend no try") {
  const TokenContext ctx = load(EXAMPLE_DRIVER).open();
  Session session = ctx.open_session("EXAMPLE-0001");
  SUBCASE("empty, without a PIN pad: refused by the host") {
    TokenError e = token_error_from([&] { session.login(SecureBuffer()); });
    CHECK(e.code() == TokenErrc::pin_invalid);
    CHECK(e.status() == 0);  // the driver was never asked
  }
  SUBCASE("too short: refused by the driver") {
    TokenError e = token_error_from([&] { session.login(SecureBuffer("12")); });
    CHECK(e.code() == TokenErrc::pin_invalid);
    CHECK(e.status() == CRT_ERR_PIN_INVALID);
    CHECK_FALSE(e.retries_left().has_value());
  }
  CHECK(pin_state(ctx).retries_left == 3);
  CHECK_FALSE(pin_state(ctx).count_low);
}

TEST_CASE("operations a driver does not offer fail cleanly") {
  const TokenContext ctx = load(EXAMPLE_DRIVER).open();
  Session session = ctx.open_session("EXAMPLE-0001");
  session.login(SecureBuffer("123456"));
  const ObjectId id{0x01};
  CHECK(token_error_from([&] { session.generate_key(KeyType::ec_p256, 0, "k"); }).code() ==
        TokenErrc::not_supported);
  CHECK(token_error_from([&] { session.write_certificate(id, "c", Bytes{0x30}); }).code() ==
        TokenErrc::not_supported);
  CHECK(token_error_from([&] { session.delete_object(ObjectKind::certificate, id); }).code() ==
        TokenErrc::not_supported);
  CHECK(token_error_from([&] {
          session.change_pin(SecureBuffer("123456"), SecureBuffer("654321"));
        }).code() == TokenErrc::not_supported);
  CHECK(token_error_from([&] {
          session.sign(id, SignatureAlgorithm::ecdsa_p256_sha256, as_bytes("m"));
        }).code() == TokenErrc::not_supported);
  // Bad ids are refused before they reach the driver.
  CHECK(token_error_from([&] { session.public_key(ObjectId{}); }).code() == TokenErrc::arguments);
  CHECK(token_error_from([&] { session.public_key(ObjectId(65, 1)); }).code() ==
        TokenErrc::arguments);
  CHECK(session.objects().empty());
  const TokenError missing = token_error_from([&] { session.public_key(id); });
  CHECK(missing.code() == TokenErrc::object_not_found);
  CHECK(missing.driver_message() == "this token holds no objects");
}

TEST_CASE("a driver's configuration error reaches the caller with its reason") {
  const Driver crypto = load(CRYPTO_DRIVER);
  const TokenError e = token_error_from([&] { crypto.open(R"({"input":"hash"})"); });
  CHECK(e.code() == TokenErrc::config);
  CHECK(e.driver_message() == "input must be data|digest and format der|raw");
  CHECK(token_error_from([&] { crypto.open("{not json"); }).code() == TokenErrc::config);
}

#if defined(__linux__)
namespace {
// Whether the library is mapped in this process now (RTLD_NOLOAD loads nothing).
bool is_loaded(const char* path) {
  void* handle = dlopen(path, RTLD_NOW | RTLD_LOCAL | RTLD_NOLOAD);
  if (handle != nullptr) dlclose(handle);
  return handle != nullptr;
}
}  // namespace
#endif

TEST_CASE("sessions and contexts keep their library loaded after the host is gone") {
  std::optional<Session> session;
  {
    std::optional<TokenContext> ctx;
    {
      PluginHost host;
      auto loaded = host.load_file(EXAMPLE_DRIVER);
      REQUIRE(std::holds_alternative<Driver>(loaded));
      ctx = std::get<Driver>(loaded).open();
    }  // host and driver destroyed
    session = ctx->open_session("EXAMPLE-0001");
  }  // context handle destroyed; the session still holds it
#if defined(__linux__)
  CHECK(is_loaded(EXAMPLE_DRIVER));
#endif
  session->login(SecureBuffer("123456"));
  CHECK(session->objects().empty());
  session.reset();
#if defined(__linux__)
  CHECK_FALSE(is_loaded(EXAMPLE_DRIVER));  // the last owner unloaded it
#endif
}

TEST_CASE("two drivers built from one source run side by side, each as itself") {
  PluginHost host;
  REQUIRE(std::holds_alternative<Driver>(host.load_file(TWIN_A_DRIVER)));
  REQUIRE(std::holds_alternative<Driver>(host.load_file(TWIN_B_DRIVER)));
  REQUIRE(host.drivers().size() == 2);
  const Driver a = *host.find("twin-a");
  const Driver b = *host.find("twin-b");

  const TokenContext a1 = a.open();
  const TokenContext a2 = a.open();
  const TokenContext b1 = b.open();
  const auto a_tokens = a2.tokens();
  const auto b_tokens = b1.tokens();
  REQUIRE(a_tokens.size() == 1);
  REQUIRE(b_tokens.size() == 1);
  CHECK(a_tokens[0].id == "TWIN-A-0001");
  CHECK(b_tokens[0].id == "TWIN-B-0001");
  // Each library counts its own contexts in its own copy of the same-named global.
  CHECK(a_tokens[0].model == "twin-a (context 2)");
  CHECK(b_tokens[0].model == "twin-b (context 1)");
  CHECK_FALSE(a_tokens[0].pin_pad);
  CHECK(b_tokens[0].pin_pad);

  // Errors carry each driver's own text.
  const TokenError ea = token_error_from([&] { a1.open_session("TWIN-B-0001"); });
  const TokenError eb = token_error_from([&] { b1.open_session("TWIN-A-0001"); });
  CHECK(ea.driver_message() == "twin-a: no token");
  CHECK(eb.driver_message() == "twin-b: no token");

  // The PIN pad twin logs in with no PIN; the other needs one.
  b1.open_session("TWIN-B-0001").login(SecureBuffer());
  Session sa = a1.open_session("TWIN-A-0001");
  CHECK(token_error_from([&] { sa.login(SecureBuffer()); }).code() == TokenErrc::pin_invalid);
  sa.login(SecureBuffer("abcd"));
}
