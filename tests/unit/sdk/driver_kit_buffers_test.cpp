// The driver kit's helpers on their own (sdk/include/certrenew/driver_kit): the two-call size
// pattern and its edges, text fields, object ids, Secret, labels, algorithms, the JSON
// configuration reader and the OpenSSL helpers.
#include <doctest/doctest.h>

#include <certrenew/driver_kit.hpp>
#include <certrenew/driver_kit/json_config.hpp>
#include <certrenew/driver_kit/labels.hpp>
#include <certrenew/driver_kit/openssl.hpp>

#include <openssl/x509.h>

#include <array>
#include <cstring>
#include <string>
#include <vector>

namespace kit = certrenew::driver_kit;

namespace {

// The status a throwing kit call ends with, as the boundary would return it (CRT_OK: no throw).
template <typename Call>
crt_status status_of(Call&& call) {
  try {
    call();
  } catch (const kit::DriverError& e) {
    return e.status();
  }
  return CRT_OK;
}

// `n`, unknown to the optimiser: a buffer made too small on purpose must not be "proven" too
// small at compile time (GCC's -Warray-bounds would flag the copy the kit refuses at run time).
std::size_t runtime(std::size_t n) {
  volatile std::size_t value = n;
  return value;
}

}  // namespace

TEST_CASE(
    "copy_out: a NULL buffer asks the size, a small one is refused with it, an exact one fits") {
  const std::array<std::uint8_t, 5> data{1, 2, 3, 4, 5};
  std::size_t len = 0;
  CHECK(kit::copy_out(data.data(), data.size(), static_cast<std::uint8_t*>(nullptr), &len) ==
        CRT_OK);
  CHECK(len == 5);

  std::array<std::uint8_t, 8> buf{};
  len = 4;
  try {
    kit::copy_out(data.data(), data.size(), buf.data(), &len);
    FAIL("a 4-byte buffer took 5 bytes");
  } catch (const kit::DriverError& e) {
    CHECK(e.status() == CRT_ERR_BUFFER_TOO_SMALL);
    CHECK(std::string(e.what()) == "buffer too small: 5 needed");
  }
  CHECK(len == 5);                              // the size needed
  CHECK(buf == std::array<std::uint8_t, 8>{});  // nothing written

  len = 5;
  CHECK(kit::copy_out(data.data(), data.size(), buf.data(), &len) == CRT_OK);
  CHECK(len == 5);
  CHECK(std::memcmp(buf.data(), data.data(), 5) == 0);

  len = buf.size();  // a larger buffer: *len becomes what was written
  CHECK(kit::copy_out(data.data(), data.size(), buf.data(), &len) == CRT_OK);
  CHECK(len == 5);

  CHECK(status_of([&] { kit::copy_out(data.data(), data.size(), buf.data(), nullptr); }) ==
        CRT_ERR_ARGUMENTS);
}

TEST_CASE("copy_out counts records, not bytes; an empty list answers 0 either way") {
  const std::vector<crt_mechanism_info> two(2);
  std::size_t count = 0;
  CHECK(kit::copy_out(two, static_cast<crt_mechanism_info*>(nullptr), &count) == CRT_OK);
  CHECK(count == 2);
  std::vector<crt_mechanism_info> one(runtime(1));
  count = 1;
  CHECK(status_of([&] { kit::copy_out(two, one.data(), &count); }) == CRT_ERR_BUFFER_TOO_SMALL);
  CHECK(count == 2);

  const std::vector<crt_object_info> none;
  count = 7;
  CHECK(kit::copy_out(none, static_cast<crt_object_info*>(nullptr), &count) == CRT_OK);
  CHECK(count == 0);
}

TEST_CASE("id lists end with an extra NUL; the empty list is one NUL") {
  std::array<char, 16> buf{};
  std::size_t len = buf.size();
  CHECK(kit::copy_id_list({"A1", "B2"}, buf.data(), &len) == CRT_OK);
  CHECK(len == 7);
  CHECK(std::memcmp(buf.data(), "A1\0B2\0\0", 7) == 0);
  len = buf.size();
  CHECK(kit::copy_id_list({}, buf.data(), &len) == CRT_OK);
  CHECK(len == 1);
  CHECK(buf[0] == '\0');
}

TEST_CASE("room_for: size query, refusal with the size, or room") {
  std::uint8_t buf[64];
  std::size_t len = 0;
  CHECK_FALSE(kit::room_for(64, nullptr, &len));
  CHECK(len == 64);
  len = 63;
  CHECK(status_of([&] { kit::room_for(64, buf, &len); }) == CRT_ERR_BUFFER_TOO_SMALL);
  CHECK(len == 64);
  len = 64;
  CHECK(kit::room_for(64, buf, &len));
  CHECK(len == 64);  // unchanged until the real size is known
}

TEST_CASE("SignatureOut announces the largest size and reports the actual one") {
  std::vector<std::uint8_t> buf(runtime(72));
  std::size_t len = buf.size();
  const kit::SignatureOut out(buf.data(), &len);
  REQUIRE(out.room_for(72));
  CHECK(out.put(kit::Bytes(70, 0xAB)) == CRT_OK);
  CHECK(len == 70);
  CHECK(status_of([&] { out.put(kit::Bytes(80, 1)); }) == CRT_ERR_DEVICE);  // more than announced
  CHECK(status_of([] { kit::SignatureOut(nullptr, nullptr); }) == CRT_ERR_ARGUMENTS);
}

TEST_CASE("text fields are cut at a UTF-8 character boundary and always NUL-terminated") {
  char field[8];
  kit::copy_text(field, "short");
  CHECK(std::string(field) == "short");
  kit::copy_text(field, "\xE5\xBC\xA0\xE4\xB8\x89\xE4\xB8\x89");  // 张三三: 9 bytes, room for 7
  CHECK(std::string(field) == "\xE5\xBC\xA0\xE4\xB8\x89");        // two whole characters
  kit::copy_text(nullptr, 0, "ignored");                          // no field: nothing happens
  char none[1];
  kit::copy_text(none, "x");
  CHECK(none[0] == '\0');
}

TEST_CASE("object ids: 1 to 64 bytes, both ways") {
  crt_object_id id{};
  CHECK(status_of([&] { kit::object_id(&id); }) == CRT_ERR_ARGUMENTS);  // length 0
  id.len = CRT_ID_MAX + 1;
  CHECK(status_of([&] { kit::object_id(&id); }) == CRT_ERR_ARGUMENTS);
  CHECK(status_of([] { kit::object_id(nullptr); }) == CRT_ERR_ARGUMENTS);
  const crt_object_id made = kit::to_object_id({0xC7, 0x01});
  CHECK(made.len == 2);
  CHECK(kit::object_id(&made) == kit::Bytes{0xC7, 0x01});
  CHECK(status_of([] { kit::to_object_id(kit::Bytes(65, 1)); }) == CRT_ERR_GENERAL);

  const crt_object_info info =
      kit::object_info(CRT_OBJ_CERTIFICATE, {0x01}, CRT_KEY_SM2, 256, "label");
  CHECK(info.kind == CRT_OBJ_CERTIFICATE);
  CHECK(info.id.len == 1);
  CHECK(std::string(info.label) == "label");
  CHECK(info.reserved[0] == 0);
}

TEST_CASE("generate_key's outputs are checked before a key is made and filled after") {
  CHECK(status_of([] { kit::GeneratedKeyOut(nullptr, nullptr, nullptr); }) == CRT_ERR_ARGUMENTS);
  crt_object_id id{};
  std::vector<std::uint8_t> spki(CRT_SPKI_MAX);
  std::size_t len = 0;
  const kit::GeneratedKeyOut out(&id, spki.data(), &len);
  CHECK(out.put({0x01, 0x02}, {0x30, 0x00}) == CRT_OK);
  CHECK(id.len == 2);
  CHECK(len == 2);
  CHECK(status_of([&] { out.put({0x01}, kit::Bytes(CRT_SPKI_MAX + 1, 0)); }) ==
        CRT_ERR_NOT_SUPPORTED);
}

TEST_CASE("retry flags follow the count") {
  CHECK(kit::retry_flags(3, 3) == 0);
  CHECK(kit::retry_flags(2, 3) == CRT_TOKEN_PIN_COUNT_LOW);
  CHECK(kit::retry_flags(1, 3) == (CRT_TOKEN_PIN_COUNT_LOW | CRT_TOKEN_PIN_FINAL_TRY));
  CHECK(kit::retry_flags(0, 3) == (CRT_TOKEN_PIN_COUNT_LOW | CRT_TOKEN_PIN_LOCKED));
}

TEST_CASE("Secret wipes: moved-from buffers are empty, truncate and clear zero the bytes") {
  const std::uint8_t pin[] = {'1', '2', '3', '4', '5', '6'};
  kit::Secret secret(pin, sizeof pin);
  CHECK(secret.size() == 6);
  kit::Secret moved(std::move(secret));
  CHECK(secret.empty());  // NOLINT(bugprone-use-after-move): defined empty
  CHECK(moved.size() == 6);
  moved.truncate(4);
  CHECK(moved.size() == 4);
  CHECK(std::memcmp(moved.data(), "1234", 4) == 0);

  std::uint8_t bytes[4] = {9, 9, 9, 9};
  kit::wipe(bytes, sizeof bytes);
  CHECK(bytes[0] == 0);
  CHECK(bytes[3] == 0);
  moved.clear();
  CHECK(moved.empty());
}

TEST_CASE("a label another object has gets the validity date, then a number") {
  CHECK(kit::distinct_label("Alice", "2027-12-04", {"Bob"}) == "Alice");
  CHECK(kit::distinct_label("", "2027-12-04", {""}) == "");
  CHECK(kit::distinct_label("Alice", "2027-12-04", {"Alice"}) == "Alice (valid until 2027-12-04)");
  // A label made this way before is renewed, not stacked.
  CHECK(kit::distinct_label("Alice (valid until 2026-12-04)", "2027-12-04",
                            {"Alice (valid until 2026-12-04)"}) ==
        "Alice (valid until 2027-12-04)");
  CHECK(kit::distinct_label("Alice (valid until 2027-12-04)", "2027-12-04",
                            {"Alice", "Alice (valid until 2027-12-04)"}) ==
        "Alice (valid until 2027-12-04) #2");
  CHECK(kit::distinct_label(
            "Alice (valid until 2027-12-04) #2", "2027-12-04",
            {"Alice (valid until 2027-12-04)", "Alice (valid until 2027-12-04) #2"}) ==
        "Alice (valid until 2027-12-04) #3");
  // Something that only looks like a suffix stays part of the name.
  CHECK(kit::distinct_label("Room (valid until soon)", "2027-12-04", {"Room (valid until soon)"}) ==
        "Room (valid until soon) (valid until 2027-12-04)");
  // Long labels are cut (at a character boundary) so the date still fits the ABI's field.
  const std::string long_label(200, 'x');
  const std::string fitted = kit::distinct_label(long_label, "2027-12-04", {long_label});
  CHECK(fitted.size() == CRT_TEXT_MAX - 1);
  CHECK(fitted.substr(fitted.size() - 29) == "xxxx (valid until 2027-12-04)");
}

TEST_CASE("algorithms: key types, fit checks, names") {
  CHECK(kit::key_type_for(CRT_SIG_SM2_SM3) == CRT_KEY_SM2);
  CHECK(kit::key_type_for(99) == 0);
  CHECK(kit::algorithm_for_key(CRT_KEY_RSA) == CRT_SIG_RSA_PKCS1_SHA256);
  CHECK(status_of([] { kit::algorithm_for_key(42); }) == CRT_ERR_NOT_SUPPORTED);
  CHECK(status_of([] { kit::check_key_fits(CRT_SIG_ECDSA_P256_SHA256, CRT_KEY_EC_P256); }) ==
        CRT_OK);
  CHECK(status_of([] { kit::check_key_fits(CRT_SIG_ECDSA_P256_SHA256, CRT_KEY_RSA); }) ==
        CRT_ERR_ARGUMENTS);
  CHECK(status_of([] { kit::check_key_fits(7, CRT_KEY_RSA); }) == CRT_ERR_NOT_SUPPORTED);
  try {
    kit::check_key_fits(CRT_SIG_SM2_SM3, CRT_KEY_RSA);
  } catch (const kit::DriverError& e) {
    CHECK(std::string(e.what()) == "SM2 with SM3 needs an SM2 key; this is an RSA key");
  }
}

TEST_CASE("JsonConfig: NULL is {}, anything but one object is refused, unknown keys named") {
  CHECK(kit::JsonConfig(nullptr, "demo").doc().empty());
  CHECK(kit::JsonConfig("", "demo").doc().empty());
  for (const char* bad : {"not json", "[]", "42", "{\"a\": 1"}) {
    CAPTURE(bad);
    try {
      kit::JsonConfig(bad, "demo");
      FAIL("accepted");
    } catch (const kit::DriverError& e) {
      CHECK(e.status() == CRT_ERR_CONFIG);
      CHECK(std::string(e.what()).rfind("demo configuration: ", 0) == 0);
    }
  }
  const kit::JsonConfig config(R"({"paths": ["/a", "/b"], "typo": 1})", "demo");
  CHECK(config.strings("paths", "paths") == std::vector<std::string>{"/a", "/b"});
  CHECK(config.strings("absent", "paths").empty());
  try {
    config.only_keys(config.doc(), {"paths"});
    FAIL("typo accepted");
  } catch (const kit::DriverError& e) {
    CHECK(std::string(e.what()) == "demo configuration: unknown key \"typo\" (known: paths)");
  }
  const kit::JsonConfig wrong(R"({"paths": ["/a", ""], "one": 3})", "demo");
  CHECK(status_of([&] { wrong.strings("paths", "paths"); }) == CRT_ERR_CONFIG);
  CHECK(wrong.strings("paths", "paths", false).size() == 2);
  CHECK(status_of([&] { wrong.strings("one", "paths"); }) == CRT_ERR_CONFIG);
  CHECK(status_of([&] { wrong.text(*wrong.find("one"), "one"); }) == CRT_ERR_CONFIG);
}

TEST_CASE("strict DER: a trailing byte or garbage gives no object and no queued error") {
  kit::EvpPkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  REQUIRE(key);
  const kit::Bytes spki = kit::spki_of(key.get());
  CHECK(kit::decode_spki(spki.data(), spki.size()));
  kit::Bytes longer = spki;
  longer.push_back(0);
  CHECK_FALSE(kit::decode_spki(longer.data(), longer.size()));
  CHECK_FALSE(kit::decode_spki(spki.data(), spki.size() - 1));
  CHECK_FALSE(kit::decode_spki(nullptr, 0));
  CHECK(ERR_peek_error() == 0);
  CHECK(status_of([] {
          kit::encode_der(static_cast<const EVP_PKEY*>(nullptr), i2d_PUBKEY, "x");
        }) == CRT_ERR_GENERAL);
}

TEST_CASE("not_after_date reads a certificate's end of validity as a UTC date") {
  kit::X509Ptr cert(X509_new());
  REQUIRE(cert);
  REQUIRE(ASN1_TIME_set_string(X509_getm_notAfter(cert.get()), "20271204235959Z") == 1);
  CHECK(kit::not_after_date(cert.get()) == "2027-12-04");
  CHECK(kit::not_after_date(nullptr).empty());
}
