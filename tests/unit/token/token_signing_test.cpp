// Signing through the host with a driver holding real OpenSSL keys: whatever the driver takes
// (message or digest) and returns (DER or raw r||s), the host's result verifies with OpenSSL over
// the whole message.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <openssl/ec.h>
#include <openssl/x509.h>

#include "certrenew/core/token/plugin_host.hpp"
#include "certrenew/core/token/session.hpp"
#include "certrenew/core/token/signature_encoding.hpp"
#include "certrenew/core/token/token_context.hpp"
#include "certrenew/core/token/token_error.hpp"
#include "certrenew/core/token/token_signer.hpp"
#include "test_pki.hpp"
#include "token_test_support.hpp"

using namespace certrenew;
using namespace certrenew::token;
using certrenew::testing::verify_signature;

namespace {

constexpr const char* kToken = "CRYPTO-TEST-1";

Session logged_in_session(const std::string& config) {
  PluginHost host;
  auto loaded = host.load_file(CRYPTO_DRIVER);
  REQUIRE(std::holds_alternative<Driver>(loaded));
  Session session = std::get<Driver>(loaded).open(config).open_session(kToken);
  session.login(SecureBuffer("123456"));
  return session;
}

template <typename Fn>
TokenErrc error_code_of(Fn&& fn) {
  try {
    fn();
  } catch (const TokenError& e) {
    return e.code();
  }
  FAIL("no TokenError was thrown");
  return TokenErrc::general;
}

// A DER ECDSA-Sig-Value that re-encodes to the same bytes: what X.509 and CMS need.
bool is_strict_der_signature(const Bytes& sig) {
  const unsigned char* p = sig.data();
  std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> parsed(
      d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(sig.size())), ECDSA_SIG_free);
  if (!parsed || p != sig.data() + sig.size()) return false;
  return i2d_ECDSA_SIG(parsed.get(), nullptr) == static_cast<int>(sig.size());
}

unsigned bits_for(KeyType type) {
  return type == KeyType::rsa ? 2048 : 0;
}

}  // namespace

TEST_CASE("the host's signature verifies for every input mode and output format") {
  const Bytes message = Bytes(as_bytes("renewal application: 续期申请").begin(),
                              as_bytes("renewal application: 续期申请").end());
  for (const char* config :
       {R"({"input":"data","format":"der"})", R"({"input":"digest","format":"raw"})",
        R"({"input":"digest","format":"der"})", R"({"input":"data","format":"raw"})"}) {
    CAPTURE(config);
    Session session = logged_in_session(config);
    for (KeyType type : {KeyType::rsa, KeyType::ec_p256, KeyType::sm2}) {
      CAPTURE(to_string(type));
      const GeneratedKey key = session.generate_key(type, bits_for(type), "test key");
      const SignatureAlgorithm algorithm = signature_algorithm_for(type);
      const Bytes sig = session.sign(key.id, algorithm, message);
      CHECK(verify_signature(key.spki, algorithm, message, sig));
      if (type != KeyType::rsa)
        CHECK(is_strict_der_signature(sig));
      else
        CHECK(sig.size() == 256);
      // Another message does not verify against it.
      CHECK_FALSE(verify_signature(key.spki, algorithm, as_bytes("other"), sig));
    }
  }
}

TEST_CASE("SM2 digests use the signer ID the caller gives") {
  Session session = logged_in_session(R"({"input":"digest","format":"raw"})");
  const GeneratedKey key = session.generate_key(KeyType::sm2, 0, "sm2");
  const Bytes message{1, 2, 3};
  const Bytes sig =
      session.sign(key.id, SignatureAlgorithm::sm2_sm3, message, "ALICE123@YAHOO.COM");
  CHECK(
      verify_signature(key.spki, SignatureAlgorithm::sm2_sm3, message, sig, "ALICE123@YAHOO.COM"));
  CHECK_FALSE(verify_signature(key.spki, SignatureAlgorithm::sm2_sm3, message, sig));

  CHECK(sm2_signature_digest(key.spki, "1234567812345678", message).size() == 32);
  CHECK(sm2_signature_digest(key.spki, "a", message) !=
        sm2_signature_digest(key.spki, "b", message));
  const GeneratedKey ec = session.generate_key(KeyType::ec_p256, 0, "ec");
  CHECK(error_code_of([&] { sm2_signature_digest(ec.spki, "1234567812345678", message); }) ==
        TokenErrc::data_invalid);
  CHECK(error_code_of([&] {
          sm2_signature_digest(Bytes{0x30, 0x00}, "id", message);
        }) == TokenErrc::data_invalid);
}

TEST_CASE("raw r||s becomes DER; malformed input is refused") {
  Bytes raw(64, 0);
  raw[31] = 1;
  raw[63] = 2;
  CHECK(raw_rs_to_der(raw) == Bytes{0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02});
  // A high first bit gets the leading zero that keeps INTEGERs positive.
  Bytes high(64, 0);
  high[0] = 0x80;
  high[63] = 1;
  const Bytes der = raw_rs_to_der(high);
  CHECK(der[0] == 0x30);
  CHECK(der[2] == 0x02);
  CHECK(der[3] == 33);
  CHECK(der[4] == 0x00);
  CHECK(der[5] == 0x80);

  CHECK(error_code_of([] { raw_rs_to_der(Bytes(63, 1)); }) == TokenErrc::data_invalid);
  CHECK(error_code_of([] { raw_rs_to_der(Bytes{}); }) == TokenErrc::data_invalid);
  CHECK(error_code_of([] { raw_rs_to_der(Bytes(64, 0)); }) == TokenErrc::data_invalid);
}

TEST_CASE("TokenSigner deduces the algorithm from the key and signs through the session") {
  Session session = logged_in_session(R"({"input":"digest","format":"raw"})");
  for (KeyType type : {KeyType::rsa, KeyType::ec_p256, KeyType::sm2}) {
    CAPTURE(to_string(type));
    const GeneratedKey key = session.generate_key(type, bits_for(type), "signer");
    const TokenSigner signer(session, key.id);
    CHECK(signer.algorithm() == signature_algorithm_for(type));
    CHECK(signer.public_key_spki() == key.spki);
    const Bytes message{'t', 'b', 's'};
    CHECK(verify_signature(key.spki, signer.algorithm(), message, signer.sign(message)));
  }
  CHECK(error_code_of([&] { TokenSigner(session, ObjectId{0x55}); }) ==
        TokenErrc::object_not_found);
}

TEST_CASE("signing errors: not logged in, unknown key, algorithm the key cannot do") {
  Session session = logged_in_session("{}");
  const GeneratedKey key = session.generate_key(KeyType::ec_p256, 0, "k");
  CHECK(error_code_of([&] {
          session.sign(ObjectId{0x77}, SignatureAlgorithm::ecdsa_p256_sha256, Bytes{1});
        }) == TokenErrc::object_not_found);
  CHECK(error_code_of([&] { session.sign(key.id, SignatureAlgorithm::sm2_sm3, Bytes{1}); }) ==
        TokenErrc::not_supported);
  session.logout();
  CHECK(error_code_of([&] {
          session.sign(key.id, SignatureAlgorithm::ecdsa_p256_sha256, Bytes{1});
        }) == TokenErrc::not_logged_in);
}

TEST_CASE("certificates are stored next to their key and paired by id") {
  Session session = logged_in_session("{}");
  const GeneratedKey key = session.generate_key(KeyType::ec_p256, 0, "paired key");

  // A certificate for the token's public key, issued by a throwaway CA key.
  const unsigned char* p = key.spki.data();
  testing::EvpKey token_public(d2i_PUBKEY(nullptr, &p, static_cast<long>(key.spki.size())));
  REQUIRE(token_public);
  const auto ca_key = testing::make_key(testing::KeyKind::ec_p256);
  const auto now = std::chrono::system_clock::now();
  testing::CertSpec ca_spec;
  ca_spec.subject = {{"CN", "Throwaway CA"}};
  ca_spec.not_before = now;
  ca_spec.not_after = now + std::chrono::hours(24);
  ca_spec.is_ca = true;
  const auto ca = testing::issue_cert(ca_spec, ca_key.get(), nullptr, ca_key.get());
  testing::CertSpec spec = ca_spec;
  spec.subject = {{"CN", "token holder"}};
  spec.is_ca = false;
  const Bytes der = testing::cert_der(
      testing::issue_cert(spec, token_public.get(), ca.get(), ca_key.get()).get());

  // Bad input changes nothing.
  CHECK(error_code_of([&] { session.write_certificate(key.id, "c", Bytes{}); }) ==
        TokenErrc::arguments);
  CHECK(error_code_of([&] {
          session.write_certificate(key.id, "c", Bytes{0x30, 0x01, 0x00});
        }) == TokenErrc::data_invalid);
  REQUIRE(session.objects().size() == 1);
  CHECK_FALSE(session.objects().front().certificate.has_value());

  session.write_certificate(key.id, "holder", der);
  auto objects = session.objects();
  REQUIRE(objects.size() == 1);
  CHECK(objects[0].id == key.id);
  REQUIRE(objects[0].key.has_value());
  REQUIRE(objects[0].certificate.has_value());
  CHECK(objects[0].certificate->der == der);
  CHECK(objects[0].certificate->label == "holder");
  CHECK(objects[0].key->spki == key.spki);
  CHECK(objects[0].key->type == KeyType::ec_p256);
  CHECK(objects[0].key->bits == 256);
  CHECK(objects[0].key->label == "paired key");

  CHECK(error_code_of([&] { session.write_certificate(key.id, "again", der); }) ==
        TokenErrc::object_exists);

  session.delete_object(ObjectKind::certificate, key.id);
  session.delete_object(ObjectKind::private_key, key.id);
  CHECK(session.objects().empty());
  CHECK(error_code_of([&] { session.delete_object(ObjectKind::private_key, key.id); }) ==
        TokenErrc::object_not_found);
}

TEST_CASE("change_pin checks the old PIN like a login") {
  Session session = logged_in_session("{}");
  session.logout();
  try {
    session.change_pin(SecureBuffer("999999"), SecureBuffer("24681357"));
    FAIL("a wrong old PIN was accepted");
  } catch (const TokenError& e) {
    CHECK(e.code() == TokenErrc::pin_incorrect);
    CHECK(e.retries_left() == 2);
  }
  session.change_pin(SecureBuffer("123456"), SecureBuffer("24681357"));
  CHECK(error_code_of([&] { session.login(SecureBuffer("123456")); }) == TokenErrc::pin_incorrect);
  session.login(SecureBuffer("24681357"));
}

TEST_CASE("calls from many threads on one context are serialised by the host") {
  // The crypto test driver refuses (CRT_ERR_DEVICE) any call that overlaps another on the same
  // context; through the host none may.
  PluginHost host;
  auto loaded = host.load_file(CRYPTO_DRIVER);
  REQUIRE(std::holds_alternative<Driver>(loaded));
  const TokenContext ctx = std::get<Driver>(loaded).open(R"({"input":"digest","format":"raw"})");
  Session session = ctx.open_session(kToken);
  session.login(SecureBuffer("123456"));
  const GeneratedKey key = session.generate_key(KeyType::ec_p256, 0, "shared");
  const TokenSigner signer(session, key.id);
  const Bytes message{'m'};

  constexpr int kRounds = 200;
  std::vector<int> failures(4, 0);
  std::vector<Bytes> last_signature(4);
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&, t] {
        Session own = session;  // a handle copy, as another part of the app would hold
        for (int i = 0; i < kRounds; ++i) {
          try {
            if (t == 0)
              own.sign(key.id, SignatureAlgorithm::ecdsa_p256_sha256, message);
            else if (t == 1)
              last_signature[1] = signer.sign(message);
            else if (t == 2)
              ctx.token_info(kToken);
            else
              own.objects();
          } catch (const TokenError&) {
            ++failures[t];
          }
        }
      });
    }
  }
  CHECK(failures == std::vector<int>(4, 0));
  CHECK(verify_signature(key.spki, SignatureAlgorithm::ecdsa_p256_sha256, message,
                         last_signature[1]));
}
