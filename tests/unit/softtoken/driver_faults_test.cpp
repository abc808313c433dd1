// Fault injection: a failed write leaves the token as it was; a pulled token is gone until it is
// plugged back, and sessions on it die as with a real device.
#include "softtoken_test_support.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <string>

using namespace certrenew::softtoken::testing;

namespace {

std::string fail_write_config(const fs::path& dir, int n) {
  return config_for({dir}, R"({"fault": {"fail_write": )" + std::to_string(n) + "}}");
}

// A token with one RSA key and its certificate, made without faults.
struct Prepared {
  TempDir tmp;
  fs::path dir = tmp.path() / "t";
  std::string serial = make_token(dir, "FAULT-1", 5);
  GeneratedKey key;
  std::vector<std::uint8_t> cert;
  Prepared() {
    Context ctx(config_for({dir}));
    Session session(ctx, serial);
    REQUIRE(session.login(kPin) == CRT_OK);
    key = session.generate(CRT_KEY_EC_P256, 0, "key");
    cert = certificate_for(key.spki, "holder");
    REQUIRE(session.write_cert(key.id, cert, "cert") == CRT_OK);
  }
  // The old state still works: login, sign, same objects.
  void check_still_usable() const {
    Context ctx(config_for({dir}));
    CHECK(ctx.info(serial).pin_retries_left == 5);
    Session session(ctx, serial);
    REQUIRE(session.login(kPin) == CRT_OK);
    CHECK(session.objects().size() == 2);
    CHECK(session.read(CRT_OBJ_CERTIFICATE, key.id) == cert);
    std::vector<std::uint8_t> signature;
    REQUIRE(session.sign(key.id, CRT_SIG_ECDSA_P256_SHA256, "still", signature) == CRT_OK);
    CHECK(verify_signature(key.spki, CRT_SIG_ECDSA_P256_SHA256, "still", signature));
  }
};

}  // namespace

TEST_CASE("an injected write failure leaves the token exactly as it was") {
  Prepared t;
  const auto before = snapshot(t.dir);

  SUBCASE("the retry-counter write of a login (no try is spent, the PIN is not checked)") {
    Context ctx(fail_write_config(t.dir, 1));
    Session session(ctx, t.serial);
    std::int32_t left = 0;
    CHECK(session.login("wrong-pin", &left) == CRT_ERR_DEVICE);
    CHECK(left == 5);
    CHECK(ctx.last_error().find("fail_write") != std::string::npos);
    CHECK(snapshot(t.dir) == before);
  }
  SUBCASE("generate_key (a login makes writes 1 and 2)") {
    Context ctx(fail_write_config(t.dir, 3));
    Session session(ctx, t.serial);
    REQUIRE(session.login(kPin) == CRT_OK);
    crt_object_id id{};
    std::vector<std::uint8_t> spki(CRT_SPKI_MAX);
    std::size_t len = 0;
    CHECK(driver().generate_key(session.get(), CRT_KEY_SM2, 0, "new", &id, spki.data(), &len) ==
          CRT_ERR_DEVICE);
    CHECK(snapshot(t.dir) == before);
    CHECK(session.objects().size() == 2);
  }
  SUBCASE("write_certificate, at either of its two writes") {
    for (int n : {4, 5}) {  // login: 1, 2; delete: 3
      CAPTURE(n);
      Context ctx(fail_write_config(t.dir, n));
      Session session(ctx, t.serial);
      REQUIRE(session.login(kPin) == CRT_OK);
      REQUIRE(driver().delete_object(session.get(), CRT_OBJ_CERTIFICATE, &t.key.id) == CRT_OK);
      const auto without_cert = snapshot(t.dir);
      CHECK(session.write_cert(t.key.id, t.cert, "again") == CRT_ERR_DEVICE);
      CHECK(snapshot(t.dir) == without_cert);
      REQUIRE(session.write_cert(t.key.id, t.cert, "cert") == CRT_OK);  // the next write works
      CHECK(snapshot(t.dir) == before);
    }
  }
  SUBCASE("delete_object") {
    Context ctx(fail_write_config(t.dir, 3));
    Session session(ctx, t.serial);
    REQUIRE(session.login(kPin) == CRT_OK);
    CHECK(driver().delete_object(session.get(), CRT_OBJ_PRIVATE_KEY, &t.key.id) == CRT_ERR_DEVICE);
    CHECK(snapshot(t.dir) == before);
  }
  SUBCASE("the final write of a PIN change keeps the old PIN (one try stays spent)") {
    Context ctx(fail_write_config(t.dir, 2));
    Session session(ctx, t.serial);
    std::int32_t left = 0;
    CHECK(session.change_pin(kPin, "new-pin", &left) == CRT_ERR_DEVICE);
    Context fresh(config_for({t.dir}));
    Session check(fresh, t.serial);
    CHECK(check.login("new-pin", &left) == CRT_ERR_PIN_INCORRECT);
    REQUIRE(check.login(kPin, &left) == CRT_OK);
    CHECK(left == 5);
  }
  t.check_still_usable();
  // No temporary file is left behind.
  for (const auto& [name, content] : snapshot(t.dir)) CHECK(name.find(".tmp") == std::string::npos);
}

TEST_CASE("a crash after the counter write of a login costs the try (no free tries)") {
  Prepared t;
  // Write 2 is the reset after a right PIN: it fails, like a crash right after the check.
  Context ctx(fail_write_config(t.dir, 2));
  Session session(ctx, t.serial);
  std::int32_t left = 0;
  CHECK(session.login(kPin, &left) == CRT_ERR_DEVICE);
  CHECK(left == 4);
  CHECK(ctx.info(t.serial).pin_retries_left == 4);
  std::vector<std::uint8_t> signature;
  CHECK(session.sign(t.key.id, CRT_SIG_ECDSA_P256_SHA256, "m", signature) == CRT_ERR_NOT_LOGGED_IN);
  REQUIRE(session.login(kPin, &left) == CRT_OK);  // the next success resets the counter
  CHECK(left == 5);
}

TEST_CASE("removed_marker unplugs the token while the file exists") {
  Prepared t;
  const fs::path marker = t.tmp.path() / "unplugged";
  Context ctx(config_for({t.dir},
                         R"({"fault": {"removed_marker": ")" + marker.generic_string() + R"("}})"));
  CHECK(ctx.tokens() == std::vector<std::string>{t.serial});
  Session session(ctx, t.serial);
  REQUIRE(session.login(kPin) == CRT_OK);

  std::ofstream(marker) << "pulled";
  CHECK(ctx.tokens().empty());
  crt_token_info info{};
  CHECK(driver().get_token_info(ctx.get(), t.serial.c_str(), &info) == CRT_ERR_TOKEN_NOT_PRESENT);
  crt_session* none = nullptr;
  CHECK(driver().open_session(ctx.get(), t.serial.c_str(), &none) == CRT_ERR_TOKEN_NOT_PRESENT);
  std::vector<std::uint8_t> signature;
  CHECK(session.sign(t.key.id, CRT_SIG_ECDSA_P256_SHA256, "m", signature) ==
        CRT_ERR_TOKEN_NOT_PRESENT);
  std::size_t count = 0;
  CHECK(driver().list_objects(session.get(), nullptr, &count) == CRT_ERR_TOKEN_NOT_PRESENT);
  CHECK(session.login(kPin) == CRT_ERR_TOKEN_NOT_PRESENT);

  fs::remove(marker);  // plugged back in
  CHECK(ctx.tokens() == std::vector<std::string>{t.serial});
  // The old session died with the removal, as with a real device...
  CHECK(session.sign(t.key.id, CRT_SIG_ECDSA_P256_SHA256, "m", signature) ==
        CRT_ERR_TOKEN_NOT_PRESENT);
  CHECK(ctx.last_error().find("new session") != std::string::npos);
  // ...and a new one works after a login.
  Session fresh(ctx, t.serial);
  CHECK(fresh.sign(t.key.id, CRT_SIG_ECDSA_P256_SHA256, "m", signature) == CRT_ERR_NOT_LOGGED_IN);
  REQUIRE(fresh.login(kPin) == CRT_OK);
  REQUIRE(fresh.sign(t.key.id, CRT_SIG_ECDSA_P256_SHA256, "m", signature) == CRT_OK);
  CHECK(verify_signature(t.key.spki, CRT_SIG_ECDSA_P256_SHA256, "m", signature));
}

TEST_CASE("a token directory deleted under an open session gives TOKEN_NOT_PRESENT") {
  Prepared t;
  Context ctx(config_for({t.dir}));
  Session session(ctx, t.serial);
  fs::remove_all(t.dir);
  CHECK(session.login(kPin) == CRT_ERR_TOKEN_NOT_PRESENT);
  CHECK(ctx.tokens().empty());
}
