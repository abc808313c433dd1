// Key generation and signing, checked against OpenSSL's own verification.
#include "softtoken_test_support.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <string>

using namespace certrenew::softtoken::testing;

namespace {

struct KeyCase {
  std::uint32_t type;
  std::uint32_t bits;  // asked for
  std::uint32_t expected_bits;
  std::uint32_t algorithm;
  const char* name;
};

struct LoggedIn : OneToken {
  LoggedIn() : OneToken("KEYS-1") { login(); }
};

}  // namespace

TEST_CASE("each key type is generated, listed, and signs verifiably") {
  const KeyCase cases[] = {
      {CRT_KEY_RSA, 0, 2048, CRT_SIG_RSA_PKCS1_SHA256, "rsa-default"},
      {CRT_KEY_RSA, 3072, 3072, CRT_SIG_RSA_PKCS1_SHA256, "rsa-3072"},
      {CRT_KEY_EC_P256, 0, 256, CRT_SIG_ECDSA_P256_SHA256, "p256"},
      {CRT_KEY_SM2, 256, 256, CRT_SIG_SM2_SM3, "sm2"},
  };
  LoggedIn t;
  for (const KeyCase& c : cases) {
    CAPTURE(c.name);
    const GeneratedKey key = t.session.generate(c.type, c.bits, c.name);
    // The id is the SHA-1 of the public key bits; the SPKI is what read_object gives.
    CHECK(id_bytes(key.id) == public_key_sha1(key.spki));
    CHECK(t.session.read(CRT_OBJ_PRIVATE_KEY, key.id) == key.spki);

    const std::string message = std::string("message for ") + c.name;
    std::vector<std::uint8_t> signature;
    REQUIRE(t.session.sign(key.id, c.algorithm, message, signature) == CRT_OK);
    CHECK(verify_signature(key.spki, c.algorithm, message, signature));
    CHECK_FALSE(verify_signature(key.spki, c.algorithm, message + "!", signature));
    if (c.type == CRT_KEY_RSA) CHECK(signature.size() == c.expected_bits / 8);
  }
  const auto objects = t.session.objects();
  REQUIRE(objects.size() == 4);
  for (const auto& object : objects) {
    CHECK(object.kind == CRT_OBJ_PRIVATE_KEY);
    CHECK(object.id.len == 20);
    bool matched = false;
    for (const KeyCase& c : cases) {
      if (std::string(object.label) != c.name) continue;
      matched = true;
      CHECK(object.key_type == c.type);
      CHECK(object.key_bits == c.expected_bits);
    }
    CHECK(matched);
  }
}

TEST_CASE("SM2 signs with the signer ID given, and 1234567812345678 by default") {
  LoggedIn t;
  const GeneratedKey key = t.session.generate(CRT_KEY_SM2);
  std::vector<std::uint8_t> signature;
  REQUIRE(t.session.sign(key.id, CRT_SIG_SM2_SM3, "data", signature) == CRT_OK);
  CHECK(verify_signature(key.spki, CRT_SIG_SM2_SM3, "data", signature, kSm2DefaultId));
  CHECK_FALSE(verify_signature(key.spki, CRT_SIG_SM2_SM3, "data", signature, "other-id"));

  REQUIRE(t.session.sign(key.id, CRT_SIG_SM2_SM3, "data", signature, "alice@example.cn") == CRT_OK);
  CHECK(verify_signature(key.spki, CRT_SIG_SM2_SM3, "data", signature, "alice@example.cn"));
  CHECK_FALSE(verify_signature(key.spki, CRT_SIG_SM2_SM3, "data", signature, kSm2DefaultId));

  REQUIRE(t.session.sign(key.id, CRT_SIG_SM2_SM3, "", signature) == CRT_OK);  // empty message
  CHECK(verify_signature(key.spki, CRT_SIG_SM2_SM3, "", signature));
}

TEST_CASE("sign refuses an algorithm that does not fit the key") {
  LoggedIn t;
  const GeneratedKey ec = t.session.generate(CRT_KEY_EC_P256);
  std::vector<std::uint8_t> signature;
  CHECK(t.session.sign(ec.id, CRT_SIG_RSA_PKCS1_SHA256, "m", signature) == CRT_ERR_ARGUMENTS);
  CHECK(t.ctx.last_error().find("RSA") != std::string::npos);
  CHECK(t.session.sign(ec.id, CRT_SIG_SM2_SM3, "m", signature) == CRT_ERR_ARGUMENTS);
  CHECK(t.session.sign(ec.id, 99, "m", signature) == CRT_ERR_NOT_SUPPORTED);
  CHECK(t.ctx.last_error().find("99") != std::string::npos);

  const GeneratedKey sm2 = t.session.generate(CRT_KEY_SM2);
  CHECK(t.session.sign(sm2.id, CRT_SIG_ECDSA_P256_SHA256, "m", signature) == CRT_ERR_ARGUMENTS);

  const std::uint8_t unknown[] = {1, 2, 3};
  CHECK(t.session.sign(make_id(unknown), CRT_SIG_SM2_SM3, "m", signature) ==
        CRT_ERR_OBJECT_NOT_FOUND);
  std::size_t len = 0;
  CHECK(driver().sign(t.session.get(), &sm2.id, CRT_SIG_SM2_SM3, nullptr, 0, nullptr, 5, nullptr,
                      &len) == CRT_ERR_ARGUMENTS);  // input NULL with a length
  crt_object_id empty_id{};
  CHECK(driver().sign(t.session.get(), &empty_id, CRT_SIG_SM2_SM3, nullptr, 0, nullptr, 0, nullptr,
                      &len) == CRT_ERR_ARGUMENTS);
}

TEST_CASE("sign follows the two-call pattern") {
  LoggedIn t;
  const GeneratedKey key = t.session.generate(CRT_KEY_EC_P256);
  const std::string message = "two calls";
  const auto* data = bytes_of(message).data();
  std::size_t len = 0;
  REQUIRE(driver().sign(t.session.get(), &key.id, CRT_SIG_ECDSA_P256_SHA256, nullptr, 0, data,
                        message.size(), nullptr, &len) == CRT_OK);
  CHECK(len >= 70);  // the largest DER ECDSA-P256 signature (72)
  CHECK(len <= 72);
  const std::size_t needed = len;
  std::vector<std::uint8_t> small(needed - 1);
  std::size_t small_len = small.size();
  CHECK(driver().sign(t.session.get(), &key.id, CRT_SIG_ECDSA_P256_SHA256, nullptr, 0, data,
                      message.size(), small.data(), &small_len) == CRT_ERR_BUFFER_TOO_SMALL);
  CHECK(small_len == needed);
  std::vector<std::uint8_t> signature(needed);
  REQUIRE(driver().sign(t.session.get(), &key.id, CRT_SIG_ECDSA_P256_SHA256, nullptr, 0, data,
                        message.size(), signature.data(), &len) == CRT_OK);
  CHECK(len <= needed);
  signature.resize(len);
  CHECK(verify_signature(key.spki, CRT_SIG_ECDSA_P256_SHA256, message, signature));
}

TEST_CASE("unsupported key types and sizes are refused and nothing is written") {
  LoggedIn t;
  const auto before = snapshot(t.tmp.path() / "t");
  crt_object_id id{};
  std::vector<std::uint8_t> spki(CRT_SPKI_MAX);
  std::size_t len = 0;
  CHECK(driver().generate_key(t.session.get(), CRT_KEY_RSA, 1024, "", &id, spki.data(), &len) ==
        CRT_ERR_NOT_SUPPORTED);
  CHECK(t.ctx.last_error().find("2048") != std::string::npos);
  CHECK(driver().generate_key(t.session.get(), CRT_KEY_RSA, 4096, "", &id, spki.data(), &len) ==
        CRT_ERR_NOT_SUPPORTED);
  CHECK(driver().generate_key(t.session.get(), CRT_KEY_EC_P256, 384, "", &id, spki.data(), &len) ==
        CRT_ERR_NOT_SUPPORTED);
  CHECK(driver().generate_key(t.session.get(), 42, 0, "", &id, spki.data(), &len) ==
        CRT_ERR_NOT_SUPPORTED);
  CHECK(driver().generate_key(t.session.get(), CRT_KEY_SM2, 0, "", nullptr, spki.data(), &len) ==
        CRT_ERR_ARGUMENTS);
  const std::string control_label = "bad\nlabel";
  CHECK(driver().generate_key(t.session.get(), CRT_KEY_SM2, 0, control_label.c_str(), &id,
                              spki.data(), &len) == CRT_ERR_ARGUMENTS);
  CHECK(snapshot(t.tmp.path() / "t") == before);
}

TEST_CASE("key operations need a login") {
  OneToken t("KEYS-2");
  t.login();
  const GeneratedKey key = t.session.generate(CRT_KEY_EC_P256);
  const std::vector<std::uint8_t> cert = certificate_for(key.spki, "holder");
  REQUIRE(driver().logout(t.session.get()) == CRT_OK);
  const auto before = snapshot(t.dir);

  crt_object_id id{};
  std::vector<std::uint8_t> spki(CRT_SPKI_MAX);
  std::size_t len = 0;
  CHECK(driver().generate_key(t.session.get(), CRT_KEY_EC_P256, 0, "", &id, spki.data(), &len) ==
        CRT_ERR_NOT_LOGGED_IN);
  std::vector<std::uint8_t> signature;
  CHECK(t.session.sign(key.id, CRT_SIG_ECDSA_P256_SHA256, "m", signature) == CRT_ERR_NOT_LOGGED_IN);
  CHECK(t.session.write_cert(key.id, cert) == CRT_ERR_NOT_LOGGED_IN);
  CHECK(driver().delete_object(t.session.get(), CRT_OBJ_PRIVATE_KEY, &key.id) ==
        CRT_ERR_NOT_LOGGED_IN);
  CHECK(t.ctx.last_error().find("log in") != std::string::npos);
  CHECK(snapshot(t.dir) == before);
  // Reading and listing need no login.
  CHECK(t.session.objects().size() == 1);
  CHECK(t.session.read(CRT_OBJ_PRIVATE_KEY, key.id) == key.spki);
}

TEST_CASE("a key file is bound to its id and its public key") {
  LoggedIn t;
  const GeneratedKey key = t.session.generate(CRT_KEY_EC_P256);
  const GeneratedKey other = t.session.generate(CRT_KEY_EC_P256);
  const fs::path keys = t.tmp.path() / "t" / "keys";
  const auto name = [](const GeneratedKey& k) {
    std::string hex;
    for (std::uint32_t i = 0; i < k.id.len; ++i) {
      static const char digits[] = "0123456789abcdef";
      hex += digits[k.id.bytes[i] >> 4];
      hex += digits[k.id.bytes[i] & 15];
    }
    return hex + ".json";
  };
  // Swapping the public half: the key no longer signs (its halves differ).
  const auto read_text = [](const fs::path& p) {
    std::ifstream in(p);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  std::string text = read_text(keys / name(key));
  const std::string other_text = read_text(keys / name(other));
  const auto spki_of = [](const std::string& json) {
    const auto start = json.find("\"spki\": \"") + 9;
    return json.substr(start, json.find('"', start) - start);
  };
  text.replace(text.find(spki_of(text)), spki_of(text).size(), spki_of(other_text));
  std::ofstream(keys / name(key), std::ios::trunc) << text;
  std::vector<std::uint8_t> signature;
  CHECK(t.session.sign(key.id, CRT_SIG_ECDSA_P256_SHA256, "m", signature) == CRT_ERR_DEVICE);
  CHECK(t.ctx.last_error().find("damaged") != std::string::npos);

  // A key file copied under another id is reported, not used.
  fs::copy_file(keys / name(other), keys / ("00" + name(other)));
  std::size_t count = 0;
  CHECK(driver().list_objects(t.session.get(), nullptr, &count) == CRT_ERR_DEVICE);
}
