// The store API: token creation and PKCS#12 import.
#include "softtoken_test_support.hpp"

#include <doctest/doctest.h>

#include <cctype>
#include <fstream>
#include <functional>
#include <string>
#include <tuple>

using namespace certrenew::softtoken::testing;
namespace st = certrenew::softtoken;
using certrenew::testing::KeyKind;

namespace {

crt_status store_status(const std::function<void()>& action) {
  try {
    action();
  } catch (const st::StoreError& e) {
    return e.status();
  }
  return CRT_OK;
}

}  // namespace

TEST_CASE("create_token never overwrites and validates its input") {
  TempDir tmp;
  const fs::path dir = tmp.path() / "t";
  const std::string serial = make_token(dir);
  CHECK(serial.size() == 16);
  for (const char c : serial)
    CHECK((std::isdigit(static_cast<unsigned char>(c)) || (c >= 'A' && c <= 'F')));
  const auto before = snapshot(dir);

  CHECK(store_status([&] { make_token(dir, "OTHER"); }) == CRT_ERR_OBJECT_EXISTS);
  CHECK(snapshot(dir) == before);
  try {
    make_token(dir, "OTHER");
  } catch (const st::StoreError& e) {
    CHECK(std::string(e.what()).find("not empty") != std::string::npos);
  }

  const fs::path stray = tmp.path() / "stray";
  fs::create_directories(stray);
  std::ofstream(stray / "notes.txt") << "mine";
  CHECK(store_status([&] { make_token(stray); }) == CRT_ERR_OBJECT_EXISTS);
  CHECK(!fs::exists(stray / "token.json"));

  const fs::path fresh = tmp.path() / "fresh";
  CHECK(store_status([&] { make_token(fresh, "", 10, "123"); }) == CRT_ERR_PIN_INVALID);
  CHECK(store_status([&] { make_token(fresh, "has space"); }) == CRT_ERR_ARGUMENTS);
  CHECK(store_status([&] { make_token(fresh, "", 0); }) == CRT_ERR_ARGUMENTS);
  CHECK(store_status([&] { make_token(fresh, "", 101); }) == CRT_ERR_ARGUMENTS);
  st::TokenOptions no_label;
  no_label.cost = st::KdfCost::fast;
  CHECK(store_status([&] { st::create_token(fresh, no_label, bytes_of(kPin)); }) ==
        CRT_ERR_ARGUMENTS);
  CHECK(!fs::exists(fresh));  // bad input created nothing

  // An existing empty directory is fine.
  fs::create_directories(tmp.path() / "empty");
  CHECK(make_token(tmp.path() / "empty", "EMPTY-OK") == "EMPTY-OK");
}

TEST_CASE("the standard KDF cost is stored in the token") {
  TempDir tmp;
  st::TokenOptions options;
  options.label = "standard";
  st::create_token(tmp.path() / "t", options, bytes_of(kPin));
  std::ifstream in(tmp.path() / "t" / "token.json");
  const std::string text(std::istreambuf_iterator<char>(in), {});
  CHECK(text.find("\"n\": 32768") != std::string::npos);
  CHECK(text.find(std::string(kPin)) == std::string::npos);
  const st::TokenSummary summary = st::describe_token(tmp.path() / "t");
  CHECK(summary.label == "standard");
  CHECK(summary.retries_max == 10);
}

TEST_CASE("a PKCS#12 made with OpenSSL is imported and its key signs") {
  const struct {
    KeyKind kind;
    std::uint32_t key_type;
    std::uint32_t algorithm;
    const char* name;
  } cases[] = {{KeyKind::rsa2048, CRT_KEY_RSA, CRT_SIG_RSA_PKCS1_SHA256, "rsa"},
               {KeyKind::ec_p256, CRT_KEY_EC_P256, CRT_SIG_ECDSA_P256_SHA256, "p256"},
               {KeyKind::sm2, CRT_KEY_SM2, CRT_SIG_SM2_SM3, "sm2"}};
  for (const auto& c : cases) {
    CAPTURE(c.name);
    TempDir tmp;
    const fs::path dir = tmp.path() / "t";
    const std::string serial = make_token(dir);
    const Pkcs12File p12 = make_pkcs12(c.kind, "p12-secret", "friendly");
    const std::vector<std::uint8_t> id =
        st::import_pkcs12(dir, p12.der, "p12-secret", bytes_of(kPin), "");
    CHECK(id == public_key_sha1(p12.spki));

    Context ctx(config_for({dir}));
    Session session(ctx, serial);
    const auto objects = session.objects();
    REQUIRE(objects.size() == 2);  // the key and its certificate, same id
    CHECK(objects[0].kind == CRT_OBJ_PRIVATE_KEY);
    CHECK(objects[1].kind == CRT_OBJ_CERTIFICATE);
    CHECK(id_bytes(objects[0].id) == id);
    CHECK(id_bytes(objects[1].id) == id);
    CHECK(objects[0].key_type == c.key_type);
    CHECK(objects[1].key_type == c.key_type);
    CHECK(std::string(objects[0].label) == "friendly");  // from the PKCS#12 friendly name
    CHECK(session.read(CRT_OBJ_CERTIFICATE, objects[1].id) == p12.cert_der);
    CHECK(session.read(CRT_OBJ_PRIVATE_KEY, objects[0].id) == p12.spki);

    REQUIRE(session.login(kPin) == CRT_OK);
    std::vector<std::uint8_t> signature;
    REQUIRE(session.sign(objects[0].id, c.algorithm, "imported", signature) == CRT_OK);
    CHECK(verify_signature(p12.spki, c.algorithm, "imported", signature));

    const st::TokenSummary summary = st::describe_token(dir);
    CHECK(summary.serial == serial);
    CHECK(summary.manufacturer == "CertRenew");
    REQUIRE(summary.objects.size() == 2);
    CHECK(summary.objects[1].key_type == c.key_type);
  }
}

TEST_CASE("a bad PKCS#12 or PIN is refused with a clear error and changes nothing") {
  TempDir tmp;
  const fs::path dir = tmp.path() / "t";
  make_token(dir, "IMPORT-1", 5);
  const Pkcs12File p12 = make_pkcs12(KeyKind::ec_p256, "right", "name");
  const auto before = snapshot(dir);

  const auto error_of = [&](auto&& action) -> std::pair<crt_status, std::string> {
    try {
      action();
    } catch (const st::StoreError& e) {
      return {e.status(), e.what()};
    }
    return {CRT_OK, ""};
  };
  auto [status, text] =
      error_of([&] { st::import_pkcs12(dir, p12.der, "wrong", bytes_of(kPin), "x"); });
  CHECK(status == CRT_ERR_DATA_INVALID);
  CHECK(text.find("password") != std::string::npos);
  CHECK(snapshot(dir) == before);  // no PIN try spent on bad input

  const std::vector<std::uint8_t> not_p12 = {'h', 'e', 'l', 'l', 'o'};
  std::tie(status, text) =
      error_of([&] { st::import_pkcs12(dir, not_p12, "", bytes_of(kPin), ""); });
  CHECK(status == CRT_ERR_DATA_INVALID);
  CHECK(text.find("not a PKCS#12") != std::string::npos);
  CHECK(snapshot(dir) == before);

  std::tie(status, text) =
      error_of([&] { st::import_pkcs12(dir, p12.der, "right", bytes_of("000000"), ""); });
  CHECK(status == CRT_ERR_PIN_INCORRECT);
  CHECK(st::describe_token(dir).retries_left == 4);
  CHECK(st::describe_token(dir).objects.empty());

  std::tie(status, text) = error_of(
      [&] { st::import_pkcs12(tmp.path() / "nothing", p12.der, "right", bytes_of(kPin), ""); });
  CHECK(status == CRT_ERR_TOKEN_NOT_PRESENT);

  // Importing twice: the second time there is nothing new.
  st::import_pkcs12(dir, p12.der, "right", bytes_of(kPin), "label");
  const auto imported = snapshot(dir);
  std::tie(status, text) =
      error_of([&] { st::import_pkcs12(dir, p12.der, "right", bytes_of(kPin), "label"); });
  CHECK(status == CRT_ERR_OBJECT_EXISTS);
  auto after = snapshot(dir);
  CHECK(after.size() == imported.size());
  for (const auto& [name, content] : imported)
    if (name != "token.json") CHECK(after[name] == content);
}

TEST_CASE("an import cut short after the key is finished by importing again") {
  TempDir tmp;
  const fs::path dir = tmp.path() / "t";
  const std::string serial = make_token(dir, "IMPORT-2");
  const Pkcs12File p12 = make_pkcs12(KeyKind::sm2, "pw", "holder");
  const std::vector<std::uint8_t> id =
      st::import_pkcs12(dir, p12.der, "pw", bytes_of(kPin), "holder");
  {
    Context ctx(config_for({dir}));
    Session session(ctx, serial);
    REQUIRE(session.login(kPin) == CRT_OK);
    const crt_object_id object = make_id(id);
    REQUIRE(driver().delete_object(session.get(), CRT_OBJ_CERTIFICATE, &object) == CRT_OK);
  }
  CHECK(st::import_pkcs12(dir, p12.der, "pw", bytes_of(kPin), "holder") == id);
  CHECK(st::describe_token(dir).objects.size() == 2);
}
