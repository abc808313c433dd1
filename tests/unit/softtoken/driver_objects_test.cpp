// Certificates and objects: write, read, list, delete.
#include "softtoken_test_support.hpp"

#include <certrenew/driver_kit/openssl.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

using namespace certrenew::softtoken::testing;

namespace {

struct WithKey : OneToken {
  GeneratedKey key;
  WithKey() : OneToken("OBJ-1") {
    login();
    key = session.generate(CRT_KEY_RSA, 2048, "signing key");
  }
};

}  // namespace

TEST_CASE("a certificate is written, read back byte for byte, listed and deleted") {
  WithKey t;
  const std::vector<std::uint8_t> cert = certificate_for(t.key.spki, "张三");
  REQUIRE(t.session.write_cert(t.key.id, cert, "张三的证书") == CRT_OK);
  CHECK(t.session.read(CRT_OBJ_CERTIFICATE, t.key.id) == cert);

  const auto objects = t.session.objects();
  REQUIRE(objects.size() == 2);
  CHECK(objects[0].kind == CRT_OBJ_PRIVATE_KEY);
  CHECK(objects[1].kind == CRT_OBJ_CERTIFICATE);
  CHECK(id_bytes(objects[1].id) == id_bytes(t.key.id));  // paired by id
  CHECK(objects[1].key_type == CRT_KEY_RSA);
  CHECK(objects[1].key_bits == 2048);
  CHECK(std::string(objects[1].label) == "张三的证书");
  for (const std::uint32_t word : objects[1].reserved) CHECK(word == 0);

  // The two-call pattern on read_object and list_objects.
  std::size_t len = 10;
  std::vector<std::uint8_t> small(10);
  CHECK(driver().read_object(t.session.get(), CRT_OBJ_CERTIFICATE, &t.key.id, small.data(), &len) ==
        CRT_ERR_BUFFER_TOO_SMALL);
  CHECK(len == cert.size());
  crt_object_info one{};
  std::size_t count = 1;
  CHECK(driver().list_objects(t.session.get(), &one, &count) == CRT_ERR_BUFFER_TOO_SMALL);
  CHECK(count == 2);

  REQUIRE(driver().delete_object(t.session.get(), CRT_OBJ_CERTIFICATE, &t.key.id) == CRT_OK);
  crt_status status = CRT_OK;
  t.session.read(CRT_OBJ_CERTIFICATE, t.key.id, &status);
  CHECK(status == CRT_ERR_OBJECT_NOT_FOUND);
  CHECK(driver().delete_object(t.session.get(), CRT_OBJ_CERTIFICATE, &t.key.id) ==
        CRT_ERR_OBJECT_NOT_FOUND);
  CHECK(t.session.objects().size() == 1);
  // The key is untouched and the certificate can be written again.
  CHECK(t.session.write_cert(t.key.id, cert) == CRT_OK);

  REQUIRE(driver().delete_object(t.session.get(), CRT_OBJ_PRIVATE_KEY, &t.key.id) == CRT_OK);
  t.session.read(CRT_OBJ_PRIVATE_KEY, t.key.id, &status);
  CHECK(status == CRT_ERR_OBJECT_NOT_FOUND);
  std::vector<std::uint8_t> signature;
  CHECK(t.session.sign(t.key.id, CRT_SIG_RSA_PKCS1_SHA256, "m", signature) ==
        CRT_ERR_OBJECT_NOT_FOUND);
}

TEST_CASE("a second certificate with the same id is refused and the first one kept") {
  WithKey t;
  const std::vector<std::uint8_t> first = certificate_for(t.key.spki, "first");
  const std::vector<std::uint8_t> second = certificate_for(t.key.spki, "second");
  REQUIRE(t.session.write_cert(t.key.id, first, "first") == CRT_OK);
  const auto before = snapshot(t.tmp.path() / "t");
  CHECK(t.session.write_cert(t.key.id, second, "second") == CRT_ERR_OBJECT_EXISTS);
  CHECK(t.ctx.last_error().find("already") != std::string::npos);
  CHECK(snapshot(t.tmp.path() / "t") == before);
  CHECK(t.session.read(CRT_OBJ_CERTIFICATE, t.key.id) == first);
}

TEST_CASE("write_certificate refuses data that is not one matching X.509 certificate") {
  WithKey t;
  const auto before = snapshot(t.tmp.path() / "t");
  const std::vector<std::uint8_t> cert = certificate_for(t.key.spki, "holder");

  const std::uint8_t garbage[] = {0x30, 0x03, 0x02, 0x01, 0x05};
  CHECK(t.session.write_cert(t.key.id, garbage) == CRT_ERR_DATA_INVALID);
  CHECK(t.ctx.last_error().find("X.509") != std::string::npos);
  std::vector<std::uint8_t> trailing = cert;
  trailing.push_back(0);
  CHECK(t.session.write_cert(t.key.id, trailing) == CRT_ERR_DATA_INVALID);
  std::vector<std::uint8_t> cut(cert.begin(), cert.end() - 1);
  CHECK(t.session.write_cert(t.key.id, cut) == CRT_ERR_DATA_INVALID);

  // A certificate for another key cannot be paired with this key's id.
  OneToken other("OBJ-OTHER");
  other.login();
  const GeneratedKey foreign = other.session.generate(CRT_KEY_RSA);
  CHECK(t.session.write_cert(t.key.id, certificate_for(foreign.spki, "x")) == CRT_ERR_DATA_INVALID);
  CHECK(t.ctx.last_error().find("does not match") != std::string::npos);

  CHECK(driver().write_certificate(t.session.get(), &t.key.id, "", nullptr, 0) ==
        CRT_ERR_ARGUMENTS);
  crt_object_id too_long{};
  too_long.len = CRT_ID_MAX + 1;
  CHECK(t.session.write_cert(too_long, cert) == CRT_ERR_ARGUMENTS);
  CHECK(snapshot(t.tmp.path() / "t") == before);
}

TEST_CASE("a certificate without a key (e.g. a CA's) is stored under its own id") {
  WithKey t;
  OneToken other("OBJ-CA");
  other.login();
  const GeneratedKey ca = other.session.generate(CRT_KEY_SM2);
  const std::vector<std::uint8_t> ca_cert = certificate_for(ca.spki, "CA");
  const std::uint8_t raw_id[] = {0xCA, 0xFE};
  REQUIRE(t.session.write_cert(make_id(raw_id), ca_cert, "") == CRT_OK);
  CHECK(t.session.read(CRT_OBJ_CERTIFICATE, make_id(raw_id)) == ca_cert);
  const auto objects = t.session.objects();
  REQUIRE(objects.size() == 2);
  CHECK(objects[1].key_type == CRT_KEY_SM2);
  CHECK(objects[1].key_bits == 256);
}

TEST_CASE("object calls refuse unknown kinds and missing ids") {
  WithKey t;
  std::size_t len = 0;
  CHECK(driver().read_object(t.session.get(), 7, &t.key.id, nullptr, &len) == CRT_ERR_ARGUMENTS);
  CHECK(driver().read_object(t.session.get(), CRT_OBJ_CERTIFICATE, nullptr, nullptr, &len) ==
        CRT_ERR_ARGUMENTS);
  CHECK(driver().delete_object(t.session.get(), 7, &t.key.id) == CRT_ERR_ARGUMENTS);
  const std::uint8_t unknown[] = {9};
  const crt_object_id unknown_id = make_id(unknown);
  CHECK(driver().delete_object(t.session.get(), CRT_OBJ_PRIVATE_KEY, &unknown_id) ==
        CRT_ERR_OBJECT_NOT_FOUND);
  CHECK(driver().list_objects(t.session.get(), nullptr, nullptr) == CRT_ERR_ARGUMENTS);
}

TEST_CASE("a certificate asked for a label another object has gets its validity date added") {
  WithKey t;
  REQUIRE(t.session.write_cert(t.key.id, certificate_for(t.key.spki, "Alice"), "Alice") == CRT_OK);
  const GeneratedKey renewed = t.session.generate(CRT_KEY_EC_P256, 0, "Alice renewal");
  const std::vector<std::uint8_t> cert = certificate_for(renewed.spki, "Alice");
  REQUIRE(t.session.write_cert(renewed.id, cert, "Alice") == CRT_OK);

  const auto objects = t.session.objects();
  std::vector<std::string> cert_labels;
  for (const crt_object_info& o : objects)
    if (o.kind == CRT_OBJ_CERTIFICATE) cert_labels.emplace_back(o.label);
  REQUIRE(cert_labels.size() == 2);
  const std::string until = certrenew::driver_kit::not_after_date(
      certrenew::driver_kit::decode_certificate(cert.data(), cert.size()).get());
  REQUIRE(until.size() == 10);
  CHECK(std::count(cert_labels.begin(), cert_labels.end(), "Alice") == 1);
  CHECK(std::count(cert_labels.begin(), cert_labels.end(), "Alice (valid until " + until + ")") ==
        1);
}
