// The SKF bridge (plugins/skf) over our SKF test double, through the plugin host as the client
// uses it: keys and applications as tokens, SM2 keys made in new containers, signatures that
// OpenSSL verifies (library and command line), certificates written with the signing flag.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>

#include "certrenew/core/secure_buffer.hpp"
#include "skf_test_support.hpp"

using namespace certrenew;
using namespace certrenew::testing;
using token::TokenErrc;

namespace {

const std::string kMessage = "签名测试 signed through SKF";

// A session through the bridge on the key `serial`, logged in with the test double's default
// user PIN.
token::Session logged_in_session(const SkfKeys& keys, const std::string& serial) {
  auto session = load_skf_bridge().open(keys.config()).open_session(serial);
  session.login(SecureBuffer(std::string_view("246813")));
  return session;
}

std::vector<std::string> ids(const token::TokenContext& context) {
  std::vector<std::string> out;
  for (const auto& info : context.tokens()) out.push_back(info.id);
  return out;
}

// A certificate for `spki`'s key, issued by a throwaway SM2 CA.
Bytes certificate_for(const Bytes& spki, const std::string& cn) {
  const unsigned char* in = spki.data();
  EvpKey subject(d2i_PUBKEY(nullptr, &in, static_cast<long>(spki.size())));
  REQUIRE(subject);
  const EvpKey ca_key = make_key(KeyKind::sm2);
  CertSpec ca_spec;
  ca_spec.subject = {{"CN", "SKF test CA"}};
  ca_spec.not_before = std::chrono::system_clock::now();
  ca_spec.not_after = ca_spec.not_before + std::chrono::hours(24);
  ca_spec.is_ca = true;
  const X509Ptr ca = issue_cert(ca_spec, ca_key.get(), nullptr, ca_key.get());
  CertSpec spec = ca_spec;
  spec.is_ca = false;
  spec.subject = {{"CN", cn}};
  spec.key_usage = "digitalSignature,nonRepudiation";
  const X509Ptr cert = issue_cert(spec, subject.get(), ca.get(), ca_key.get());
  return cert_der(cert.get());
}

void write_file(const std::filesystem::path& path, const Bytes& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
}

// Whether `openssl pkeyutl` verifies dir/sig.der over dir/msg with dir/pub.der under the GM/T
// 0009 distinguishing ID `distid`.
bool openssl_verifies(const std::string& dir, const std::string& distid) {
  const std::string verify = "openssl pkeyutl -verify -pubin -keyform DER -inkey " + dir +
                             "/pub.der -rawin -digest sm3 -pkeyopt distid:" + distid + " -in " +
                             dir + "/msg -sigfile " + dir + "/sig.der > " + dir + "/out 2>&1";
  return std::system(verify.c_str()) == 0;
}

}  // namespace

TEST_CASE("keys and their applications become tokens; the configuration filters applications") {
  SkfKeys keys;
  keys.add_key("SKF-A");
  SkfApplication one, two;
  one.name = "APP1";
  two.name = "APP2";
  keys.add_key("SKF-B", {one, two});

  const auto all = load_skf_bridge().open(keys.config());
  CHECK(ids(all) == std::vector<std::string>{"SKF-A", "SKF-B/APP1", "SKF-B/APP2"});
  const auto info = all.token_info("SKF-A");
  CHECK(info.label == "Key SKF-A");
  CHECK(info.pin.retries_left == 6);
  CHECK(info.pin.retries_max == 6);
  CHECK(info.can_change_pin);
  CHECK_FALSE(info.pin.count_low);

  // Only APP1: the key shows one application, so its id is the serial alone.
  const auto filtered = load_skf_bridge().open(keys.config({{"applications", {"APP1"}}}));
  CHECK(ids(filtered) == std::vector<std::string>{"SKF-B"});
  const auto missing = error_of([&] { filtered.open_session("SKF-A"); });
  REQUIRE(missing);
  CHECK(missing->code() == TokenErrc::token_not_present);
}

TEST_CASE(
    "an SM2 key made in a new container signs what OpenSSL verifies, also on its command line") {
  SkfKeys keys;
  keys.add_key("SKF-SM2");
  auto session = logged_in_session(keys, "SKF-SM2");

  const auto key = session.generate_key(token::KeyType::sm2, 0, "签名密钥");
  const ByteView message(reinterpret_cast<const std::uint8_t*>(kMessage.data()), kMessage.size());
  const Bytes signature = session.sign(key.id, SignatureAlgorithm::sm2_sm3, message);
  CHECK(verify_signature(key.spki, SignatureAlgorithm::sm2_sm3, message, signature));
  CHECK_FALSE(verify_signature(key.spki, SignatureAlgorithm::sm2_sm3, message, signature,
                               "another signer id"));

  // The container on the key holds it under a printable-ASCII name made from the label.
  const auto device = keys.device("SKF-SM2");
  REQUIRE(device["applications"][0]["containers"].size() == 1);
  CHECK(std::string(key.id.begin(), key.id.end()) ==
        device["applications"][0]["containers"][0]["name"].get<std::string>());

  // openssl pkeyutl with the GM/T 0009 distinguishing ID: interoperable, not just self-consistent.
  TempDir files;
  write_file(files.path() / "pub.der", key.spki);
  write_file(files.path() / "sig.der", signature);
  write_file(files.path() / "msg", Bytes(kMessage.begin(), kMessage.end()));
  const std::string dir = files.path().string();
  CHECK(openssl_verifies(dir, "1234567812345678"));
  CHECK_FALSE(openssl_verifies(dir, "0000"));
}

TEST_CASE("a certificate is written to its key's container as the signing certificate") {
  SkfKeys keys;
  keys.add_key("SKF-CERT");
  auto session = logged_in_session(keys, "SKF-CERT");
  const auto key = session.generate_key(token::KeyType::sm2, 0, "renewed");
  const auto other = session.generate_key(token::KeyType::sm2, 0, "renewed");
  CHECK(key.id != other.id);  // a taken name gets a suffix

  // A certificate for another key is refused, and nothing is stored.
  const auto wrong = error_of(
      [&] { session.write_certificate(key.id, "x", certificate_for(other.spki, "其他")); });
  REQUIRE(wrong);
  CHECK(wrong->code() == TokenErrc::data_invalid);
  CHECK(keys.device("SKF-CERT")["applications"][0]["containers"][0]["sign_cert"] == "");

  const Bytes der = certificate_for(key.spki, "张三");
  session.write_certificate(key.id, "renewed", der);
  const auto objects = session.objects();
  const auto found = std::find_if(objects.begin(), objects.end(),
                                  [&](const token::TokenObject& o) { return o.id == key.id; });
  REQUIRE(found != objects.end());
  REQUIRE(found->certificate);
  CHECK(found->certificate->der == der);
  REQUIRE(found->key);
  CHECK(found->key->type == token::KeyType::sm2);

  const auto again = error_of([&] { session.write_certificate(key.id, "renewed", der); });
  REQUIRE(again);
  CHECK(again->code() == TokenErrc::object_exists);

  // Garbage is refused before the key is asked.
  const auto garbage = error_of([&] {
    session.write_certificate(other.id, "x", Bytes{0x30, 0x00});
  });
  REQUIRE(garbage);
  CHECK(garbage->code() == TokenErrc::data_invalid);

  // The certificate cannot go alone; the key (its container) takes it along.
  const auto alone =
      error_of([&] { session.delete_object(token::ObjectKind::certificate, key.id); });
  REQUIRE(alone);
  CHECK(alone->code() == TokenErrc::not_supported);
  session.delete_object(token::ObjectKind::private_key, key.id);
  CHECK(keys.device("SKF-CERT")["applications"][0]["containers"].size() == 1);
}

TEST_CASE("signing and writing need a login; a bad configuration is refused by name") {
  SkfKeys keys;
  keys.add_key("SKF-CFG");
  const auto context = load_skf_bridge().open(keys.config());
  auto session = context.open_session("SKF-CFG");
  const auto not_logged_in = error_of([&] { session.generate_key(token::KeyType::sm2, 0, "x"); });
  REQUIRE(not_logged_in);
  CHECK(not_logged_in->code() == TokenErrc::not_logged_in);
  CHECK(keys.device("SKF-CFG")["applications"][0]["containers"].empty());

  const auto driver = load_skf_bridge();
  for (const std::string& bad :
       {std::string("{}"), std::string(R"({"library": "/nonexistent/libskf.so"})"),
        keys.config({{"dev_auth_key", "00112233"}}), keys.config({{"libary", "typo"}}),
        keys.config({{"hotplug", "yes"}}),
        nlohmann::json{{"library", CERTRENEW_SKF_DRIVER_FOR_TESTS}}.dump()}) {
    CAPTURE(bad);
    const auto error = error_of([&] { driver.open(bad); });
    REQUIRE(error);
    CHECK(error->code() == TokenErrc::config);
  }
  const auto not_skf = error_of([&] {
    driver.open(nlohmann::json{{"library", CERTRENEW_SKF_DRIVER_FOR_TESTS}}.dump());
  });
  REQUIRE(not_skf);
  CHECK(not_skf->driver_message().find("lacks SKF_EnumDev") != std::string::npos);
}
