// The PKCS#11 bridge on a real SoftHSM2 token, reached the way the product reaches every token:
// bin/plugins/libcertrenew-pkcs11.so loaded by token::PluginHost, a context, sessions. Each test
// makes its own token in its own folder (SoftHsmToken) and closes its contexts before the next.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <iterator>
#include <thread>

#include <nlohmann/json.hpp>

#include "certrenew/core/secure_buffer.hpp"
#include "certrenew/core/token/token_error.hpp"
#include "certrenew/driver_kit/openssl.hpp"
#include "module.hpp"  // the bridge's module loader (plugins/pkcs11/src), for one test
#include "pkcs11_test_support.hpp"
#include "test_pki.hpp"

using namespace certrenew;
using namespace certrenew::testing;
using token::KeyType;
using token::TokenErrc;
using token::TokenError;

namespace {

const std::string kMessage = "CertRenew renewal application, signed on a PKCS#11 token";

std::vector<std::string> ids_of(const std::vector<token::TokenInfo>& tokens) {
  std::vector<std::string> ids;
  for (const auto& t : tokens) ids.push_back(t.id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::string modules_only_config() {
  return nlohmann::json{{"modules", {softhsm_module().string()}}}.dump();
}

const token::TokenObject* find_object(const std::vector<token::TokenObject>& objects,
                                      const Bytes& id) {
  const auto it = std::find_if(objects.begin(), objects.end(),
                               [&](const token::TokenObject& o) { return o.id == id; });
  return it == objects.end() ? nullptr : &*it;
}

// A bridge context on `token` (its own configuration) with a session logged in to the token.
struct LoggedIn {
  explicit LoggedIn(const SoftHsmToken& token)
      : context(open_bridge(token.driver_config())), session(context.open_session(token.serial())) {
    session.login(SecureBuffer(token.pin()));
  }
  token::TokenContext context;
  token::Session session;
};

// The key listed under `id`; the test fails unless it is there with this type and public key.
const token::KeyObject& listed_key(const std::vector<token::TokenObject>& objects, const Bytes& id,
                                   KeyType type, const Bytes& spki) {
  const auto* object = find_object(objects, id);
  REQUIRE(object);
  REQUIRE(object->key);
  CHECK(object->key->type == type);
  CHECK(object->key->spki == spki);
  return *object->key;
}

// pkcs11-tool's description of the private key labelled `label` (the lines up to the next object).
std::string private_key_block(const std::string& listing, const std::string& label) {
  std::size_t pos = 0;
  while ((pos = listing.find("Private Key Object", pos)) != std::string::npos) {
    const std::size_t end = listing.find("Object;", pos + 18);
    const std::string block = listing.substr(pos, end == std::string::npos ? end : end - pos);
    if (block.find("label:      " + label + "\r") != std::string::npos ||
        block.find("label:      " + label + "\n") != std::string::npos)
      return block;
    pos += 18;
  }
  return {};
}

// A certificate for `spki` from a throwaway CA.
Bytes certificate_for(const Bytes& spki, const std::string& cn) {
  const unsigned char* in = spki.data();
  const EvpKey holder(d2i_PUBKEY(nullptr, &in, static_cast<long>(spki.size())));
  REQUIRE(holder);
  const EvpKey ca_key = make_key(KeyKind::ec_p256);
  CertSpec spec;
  spec.subject = {{"C", "CN"}, {"CN", cn}};
  spec.not_before = std::chrono::system_clock::now() - std::chrono::hours(1);
  spec.not_after = std::chrono::system_clock::now() + std::chrono::hours(24 * 30);
  CertSpec ca_spec = spec;
  ca_spec.subject = {{"C", "CN"}, {"CN", "Bridge Test CA"}};
  ca_spec.is_ca = true;
  const X509Ptr ca = issue_cert(ca_spec, ca_key.get(), nullptr, ca_key.get());
  return cert_der(issue_cert(spec, holder.get(), ca.get(), ca_key.get()).get());
}

}  // namespace

TEST_CASE("tokens are found by serial, by label and by pkcs11: URI, whatever their slot") {
  SoftHsmToken token;
  // SoftHSM2 moves a token to another slot number when the next one is initialised.
  const std::string other = token.add_token("Other Token");
  REQUIRE(other != token.serial());

  const auto all = open_bridge(modules_only_config());
  std::vector<std::string> expected = {token.serial(), other};
  std::sort(expected.begin(), expected.end());
  CHECK(ids_of(all.tokens()) == expected);

  const auto by_label =
      open_bridge(bridge_config(softhsm_module(), "pkcs11:token=CertRenew%20Test"));
  REQUIRE(ids_of(by_label.tokens()) == std::vector<std::string>{token.serial()});
  const token::TokenInfo info = by_label.token_info(token.serial());
  CHECK(info.label == "CertRenew Test");
  CHECK(info.manufacturer == "SoftHSM project");
  CHECK(info.model == "SoftHSM v2");
  CHECK_FALSE(info.pin_pad);
  CHECK_FALSE(info.pin.retries_left.has_value());  // PKCS#11 tells no count; SoftHSM2 no flags
  CHECK(info.pin.min_len == 4);
  CHECK(info.pin.max_len == 255);

  const auto by_serial = open_bridge(token.driver_config());
  CHECK(ids_of(by_serial.tokens()) == std::vector<std::string>{token.serial()});

  const auto by_identity = open_bridge(bridge_config(
      softhsm_module(), "pkcs11:model=SoftHSM%20v2;manufacturer=SoftHSM%20project;serial=" + other +
                            ";token=Other%20Token"));
  CHECK(ids_of(by_identity.tokens()) == std::vector<std::string>{other});
  CHECK(by_identity.open_session(other).token_id() == other);

  const auto module_in_uri = open_bridge(nlohmann::json{
      {"tokens", {"pkcs11:token=Other%20Token?module-path=" + softhsm_module().string()}}}
                                             .dump());
  CHECK(ids_of(module_in_uri.tokens()) == std::vector<std::string>{other});

  // Nothing configured: no module, no token, no error.
  CHECK(open_bridge("{}").tokens().empty());
}

TEST_CASE("a wrong PIN is refused with what the token tells; the right one logs in") {
  SoftHsmToken token;
  const auto context = open_bridge(token.driver_config());
  token::Session session = context.open_session(token.serial());

  const auto sign_first = error_of(
      [&] { session.sign({1}, SignatureAlgorithm::ecdsa_p256_sha256, as_bytes(kMessage)); });
  REQUIRE(sign_first);
  CHECK(sign_first->code() == TokenErrc::not_logged_in);

  const auto wrong = error_of([&] { session.login(SecureBuffer("654321")); });
  REQUIRE(wrong);
  CHECK(wrong->code() == TokenErrc::pin_incorrect);
  CHECK_FALSE(wrong->retries_left().has_value());
  CHECK(std::string(wrong->what()).find("CKR_PIN_INCORRECT") != std::string::npos);
  CHECK(context.token_info(token.serial()).pin.count_low);  // SoftHSM2 sets COUNT_LOW

  const auto too_short = error_of([&] { session.login(SecureBuffer("12")); });
  REQUIRE(too_short);
  CHECK(too_short->code() == TokenErrc::pin_invalid);
  CHECK(std::string(too_short->what()).find("4 to 255 characters; no try was spent") !=
        std::string::npos);

  session.login(SecureBuffer(token.pin()));
  CHECK_FALSE(context.token_info(token.serial()).pin.count_low);
  session.login(SecureBuffer(token.pin()));  // again: checked afresh, still fine
  session.logout();
  session.logout();  // harmless
}

TEST_CASE("keys generated through the bridge stay on the token, never extractable, and sign") {
  SoftHsmToken token;
  const auto context = open_bridge(token.driver_config());
  token::Session session = context.open_session(token.serial());

  const auto mechanisms = session.mechanisms();
  REQUIRE(mechanisms.size() == 2);  // RSA and ECDSA; SoftHSM2 has no SM2
  for (const auto& m : mechanisms) {
    CHECK(m.input == token::SignatureInput::digest);  // CKM_RSA_PKCS / CKM_ECDSA, host hashes
    CHECK(m.can_generate);
  }

  const auto before_login = error_of([&] { session.generate_key(KeyType::ec_p256, 0, "x"); });
  REQUIRE(before_login);
  CHECK(before_login->code() == TokenErrc::not_logged_in);

  session.login(SecureBuffer(token.pin()));
  const token::GeneratedKey ec = session.generate_key(KeyType::ec_p256, 0, "bridge ec");
  const token::GeneratedKey rsa = session.generate_key(KeyType::rsa, 2048, "bridge rsa");
  CHECK(ec.id.size() == 20);
  CHECK(rsa.id.size() == 20);
  CHECK(ec.id != rsa.id);

  const Bytes ec_sig =
      session.sign(ec.id, SignatureAlgorithm::ecdsa_p256_sha256, as_bytes(kMessage));
  CHECK(verifies(ec.spki, as_bytes(kMessage), ec_sig));
  const Bytes rsa_sig =
      session.sign(rsa.id, SignatureAlgorithm::rsa_pkcs1_sha256, as_bytes(kMessage));
  CHECK(rsa_sig.size() == 256);
  CHECK(verifies(rsa.spki, as_bytes(kMessage), rsa_sig));
  CHECK_FALSE(verifies(rsa.spki, as_bytes(kMessage + "!"), rsa_sig));

  const auto wrong_key = error_of(
      [&] { session.sign(ec.id, SignatureAlgorithm::rsa_pkcs1_sha256, as_bytes(kMessage)); });
  REQUIRE(wrong_key);
  CHECK(wrong_key->code() == TokenErrc::arguments);

  const auto objects = session.objects();
  CHECK(listed_key(objects, ec.id, KeyType::ec_p256, ec.spki).label == "bridge ec");
  CHECK(listed_key(objects, rsa.id, KeyType::rsa, rsa.spki).bits == 2048);

  // Read back by a tool that is not ours.
  const std::string listing = pkcs11_tool_objects(token);
  for (const char* label : {"bridge ec", "bridge rsa"}) {
    CAPTURE(label);
    const std::string block = private_key_block(listing, label);
    REQUIRE_FALSE(block.empty());
    CHECK(block.find("never extractable") != std::string::npos);
    CHECK(block.find("always sensitive") != std::string::npos);
    CHECK(block.find(", extractable") == std::string::npos);
  }

  const std::size_t count = session.objects().size();
  const auto too_small = error_of([&] { session.generate_key(KeyType::rsa, 1024, "small"); });
  REQUIRE(too_small);
  CHECK(too_small->code() == TokenErrc::not_supported);
  const auto sm2 = error_of([&] { session.generate_key(KeyType::sm2, 0, "sm2"); });
  REQUIRE(sm2);
  CHECK(sm2->code() == TokenErrc::not_supported);
  CHECK(session.objects().size() == count);
}

TEST_CASE("a certificate is written next to its key, listed as a pair by CKA_ID, and deleted") {
  SoftHsmToken token;
  LoggedIn bridge(token);
  const token::GeneratedKey key = bridge.session.generate_key(KeyType::ec_p256, 0, "renewed key");
  const Bytes der = certificate_for(key.spki, "张三");

  const auto not_der =
      error_of([&] { bridge.session.write_certificate(key.id, "bad", as_bytes("junk")); });
  REQUIRE(not_der);
  CHECK(not_der->code() == TokenErrc::data_invalid);
  const EvpKey stranger = make_key(KeyKind::ec_p256);
  const auto other_key = error_of([&] {
    bridge.session.write_certificate(key.id, "wrong",
                                     certificate_for(spki_der(stranger.get()), "x"));
  });
  REQUIRE(other_key);
  CHECK(other_key->code() == TokenErrc::data_invalid);
  REQUIRE(find_object(bridge.session.objects(), key.id));
  CHECK_FALSE(find_object(bridge.session.objects(), key.id)->certificate);

  bridge.session.write_certificate(key.id, "renewed certificate", der);
  const auto objects = bridge.session.objects();
  const auto* pair = find_object(objects, key.id);
  REQUIRE(pair);
  REQUIRE(pair->certificate);
  REQUIRE(pair->key);
  CHECK(pair->certificate->der == der);
  CHECK(pair->certificate->label == "renewed certificate");

  const auto again = error_of([&] { bridge.session.write_certificate(key.id, "again", der); });
  REQUIRE(again);
  CHECK(again->code() == TokenErrc::object_exists);

  // Other applications find it with its attributes: pkcs11-tool reads it back by id.
  const std::string id_hex = to_hex(key.id);
  const auto out = token.dir() / "read-back.der";
  REQUIRE(token
              .pkcs11_tool({"--read-object", "--type", "cert", "--id", id_hex, "--output-file",
                            out.string()})
              .exit_code == 0);
  const Bytes read_back = [&] {
    std::ifstream in(out, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }();
  CHECK(read_back == der);
  const std::string listing = pkcs11_tool_objects(token);
  CHECK(listing.find("Certificate Object; type = X.509 cert") != std::string::npos);
  CHECK(listing.find("subject:    DN: C=CN, CN=") != std::string::npos);

  bridge.session.delete_object(token::ObjectKind::certificate, key.id);
  const auto after_certificate = bridge.session.objects();
  const auto* key_only = find_object(after_certificate, key.id);
  REQUIRE(key_only);
  CHECK(key_only->key);
  CHECK_FALSE(key_only->certificate);
  bridge.session.delete_object(token::ObjectKind::private_key, key.id);
  CHECK_FALSE(find_object(bridge.session.objects(), key.id));
  // The public half went with it.
  CHECK(pkcs11_tool_objects(token).find(id_hex) == std::string::npos);

  const auto gone =
      error_of([&] { bridge.session.delete_object(token::ObjectKind::private_key, key.id); });
  REQUIRE(gone);
  CHECK(gone->code() == TokenErrc::object_not_found);
}

TEST_CASE("keys and certificates placed by pkcs11-tool are found, paired and sign") {
  SoftHsmToken token;
  const auto ec = token.enroll(SoftHsmKey::ec_p256, "01", "enrolled ec");
  const auto rsa = token.enroll(SoftHsmKey::rsa2048, "02", "enrolled rsa");

  const auto context = open_bridge(token.driver_config());
  token::Session session = context.open_session(token.serial());

  // Before login: the certificates (public objects); the private keys are hidden by the token.
  const auto before = session.objects();
  REQUIRE(find_object(before, ec.id));
  REQUIRE(find_object(before, ec.id)->certificate);
  CHECK(find_object(before, ec.id)->certificate->der == ec.certificate);

  session.login(SecureBuffer(token.pin()));
  const auto objects = session.objects();
  CHECK(listed_key(objects, ec.id, KeyType::ec_p256, ec.spki).label == "enrolled ec");
  REQUIRE(find_object(objects, ec.id)->certificate);
  CHECK(find_object(objects, ec.id)->certificate->der == ec.certificate);
  CHECK(listed_key(objects, rsa.id, KeyType::rsa, rsa.spki).bits == 2048);

  CHECK(verifies(ec.spki, as_bytes(kMessage),
                 session.sign(ec.id, SignatureAlgorithm::ecdsa_p256_sha256, as_bytes(kMessage))));
  CHECK(verifies(rsa.spki, as_bytes(kMessage),
                 session.sign(rsa.id, SignatureAlgorithm::rsa_pkcs1_sha256, as_bytes(kMessage))));
}

TEST_CASE("a key deleted or replaced behind the bridge's back is not used by mistake") {
  SoftHsmToken token;
  const auto old_key = token.enroll(SoftHsmKey::ec_p256, "01", "replaced");
  LoggedIn bridge(token);
  CHECK(verifies(
      old_key.spki, as_bytes(kMessage),
      bridge.session.sign(old_key.id, SignatureAlgorithm::ecdsa_p256_sha256, as_bytes(kMessage))));

  // Another bridge.context (think: another window) deletes the pair.
  {
    const auto other = open_bridge(token.driver_config());
    token::Session deleter = other.open_session(token.serial());
    deleter.login(SecureBuffer(token.pin()));
    deleter.delete_object(token::ObjectKind::private_key, old_key.id);
  }
  const auto gone = error_of([&] {
    bridge.session.sign(old_key.id, SignatureAlgorithm::ecdsa_p256_sha256, as_bytes(kMessage));
  });
  REQUIRE(gone);
  CHECK(gone->code() == TokenErrc::object_not_found);

  // Another tool puts a new key under the same id: the next signature is by the new key.
  token.generate_key_pair(SoftHsmKey::ec_p256, "01", "replacement");
  const Bytes new_spki = token.public_key("01");
  REQUIRE(new_spki != old_key.spki);
  CHECK(verifies(
      new_spki, as_bytes(kMessage),
      bridge.session.sign(old_key.id, SignatureAlgorithm::ecdsa_p256_sha256, as_bytes(kMessage))));
}

TEST_CASE("a key that wants the PIN for every signature (CKA_ALWAYS_AUTHENTICATE) signs") {
  SoftHsmToken token;
  REQUIRE(token
              .pkcs11_tool({"--keypairgen", "--key-type", "EC:prime256v1", "--id", "0a", "--label",
                            "always", "--always-auth", "--usage-sign"},
                           true)
              .exit_code == 0);
  const Bytes spki = token.public_key("0a");
  LoggedIn bridge(token);
  for (int i = 0; i < 2; ++i)
    CHECK(verifies(
        spki, as_bytes(kMessage),
        bridge.session.sign({0x0a}, SignatureAlgorithm::ecdsa_p256_sha256, as_bytes(kMessage))));
}

TEST_CASE("a pkcs11: URI with object attributes narrows what is listed") {
  SoftHsmToken token;
  const auto first = token.enroll(SoftHsmKey::ec_p256, "01", "first");
  token.generate_key_pair(SoftHsmKey::ec_p256, "02", "second");
  const auto context =
      open_bridge(bridge_config(softhsm_module(), "pkcs11:serial=" + token.serial() + ";id=%01"));
  token::Session session = context.open_session(token.serial());
  session.login(SecureBuffer(token.pin()));
  const auto objects = session.objects();
  REQUIRE(objects.size() == 1);
  CHECK(objects[0].id == first.id);
  CHECK(objects[0].certificate);
  CHECK(objects[0].key);
}

TEST_CASE("a renewed certificate asked for the old one's label gets one of its own") {
  SoftHsmToken token;
  const auto old_pair = token.enroll(SoftHsmKey::ec_p256, "01", "Alice");
  LoggedIn bridge(token);
  // As the client installs a renewal: a new key, its certificate written with the label asked for;
  // returns the label the token shows and the certificate's notAfter date.
  const auto install = [&](const std::string& asked) {
    const token::GeneratedKey key =
        bridge.session.generate_key(KeyType::ec_p256, 0, "Alice renewal");
    const Bytes der = certificate_for(key.spki, "Alice");
    bridge.session.write_certificate(key.id, asked, der);
    const auto listed = bridge.session.objects();
    const auto* written = find_object(listed, key.id);
    REQUIRE(written);
    REQUIRE(written->certificate);
    const unsigned char* in = der.data();
    const X509Ptr cert(d2i_X509(nullptr, &in, static_cast<long>(der.size())));
    return std::pair{written->certificate->label, driver_kit::not_after_date(cert.get())};
  };

  const auto [first, until] = install("Alice");
  REQUIRE(until.size() == 10);  // YYYY-MM-DD
  CHECK(first == "Alice (valid until " + until + ")");
  // The next renewal copies that label; same day, same validity: numbered, never a duplicate.
  const auto [second, second_until] = install(first);
  REQUIRE(second_until == until);
  CHECK(second == first + " #2");
  // A label no object has is kept as it is.
  CHECK(install("Alice 2027").first == "Alice 2027");

  // The old certificate keeps its label, and an object= URI finds the old pair alone.
  const auto all = bridge.session.objects();
  const auto* old_listed = find_object(all, old_pair.id);
  REQUIRE(old_listed);
  REQUIRE(old_listed->certificate);
  CHECK(old_listed->certificate->label == "Alice");
  const auto by_label = open_bridge(
      bridge_config(softhsm_module(), "pkcs11:serial=" + token.serial() + ";object=Alice"));
  token::Session narrowed = by_label.open_session(token.serial());
  const auto objects = narrowed.objects();  // shares the login of `bridge.session` (same process)
  REQUIRE(objects.size() == 1);
  CHECK(objects[0].id == old_pair.id);
}

TEST_CASE("bad configurations give a clear error and change nothing on the token") {
  SoftHsmToken token;
  token.enroll(SoftHsmKey::ec_p256, "01", "kept");
  const std::string before = pkcs11_tool_objects(token);
  const std::string uri = "pkcs11:serial=" + token.serial();

  struct Bad {
    std::string config;
    std::string says;
  };
  const TempDir scratch;
  const auto text_file = scratch.path() / "libnot-a-module.so";
  std::ofstream(text_file) << "not a library\n";
  const std::vector<Bad> cases = {
      {bridge_config("/nonexistent/libvendor-pkcs11.so", uri),
       "/nonexistent/libvendor-pkcs11.so does not exist"},
      {bridge_config(pkcs11_driver_file(), uri), "is not a PKCS#11 module"},
      {bridge_config(text_file, uri), "cannot load the PKCS#11 module"},
      {"{\"modules\": ", "not valid JSON"},
      {"[]", "must be a JSON object"},
      {"{\"module\": \"/usr/lib/softhsm/libsofthsm2.so\"}", "unknown key \"module\""},
      {bridge_config(softhsm_module(), "token=CertRenew%20Test"), "does not start with"},
      {bridge_config(softhsm_module(), "pkcs11:token=CertRenew%20Test?pin-value=123456"),
       "carries a PIN"},
      {bridge_config(softhsm_module(), "pkcs11:slot-id=0"), "slot number"},
      {bridge_config(softhsm_module(), "pkcs11:token=%zz"), "is not valid"},
  };
  for (const Bad& bad : cases) {
    CAPTURE(bad.config);
    const auto error = error_of([&] { open_bridge(bad.config); });
    REQUIRE(error);
    CHECK(error->code() == TokenErrc::config);
    CHECK(std::string(error->what()).find(bad.says) != std::string::npos);
  }

  // A URI that matches no token: nothing listed, and the token is not reachable by its id.
  const auto none = open_bridge(bridge_config(softhsm_module(), "pkcs11:serial=0000000000000000"));
  CHECK(none.tokens().empty());
  const auto missing = error_of([&] { none.open_session(token.serial()); });
  REQUIRE(missing);
  CHECK(missing->code() == TokenErrc::token_not_present);
  CHECK(std::string(missing->what()).find(token.serial()) != std::string::npos);

  CHECK(pkcs11_tool_objects(token) == before);
}

TEST_CASE(
    "contexts share a module: closing one, or logging out of one session, spares the others") {
  SoftHsmToken token;
  const auto key = token.enroll(SoftHsmKey::ec_p256, "01", "shared");
  const auto second = open_bridge(token.driver_config());
  token::Session b = second.open_session(token.serial());
  {
    const auto first = open_bridge(token.driver_config());
    token::Session a = first.open_session(token.serial());
    a.login(SecureBuffer(token.pin()));
    b.login(SecureBuffer(token.pin()));
    a.logout();  // PKCS#11 logs the whole token out; the bridge keeps b's login
  }              // the first context closes; the module stays initialised for the second
  CHECK(verifies(key.spki, as_bytes(kMessage),
                 b.sign(key.id, SignatureAlgorithm::ecdsa_p256_sha256, as_bytes(kMessage))));
}

TEST_CASE("a module another part of the process initialised is used, and left initialised") {
  SoftHsmToken token;
  // The bridge's own loader, linked into this test: it initialises SoftHSM2 first, as another
  // PKCS#11 user in the same process would.
  const auto owner = pkcs11::Module::acquire(softhsm_module());
  CK_ULONG slots = 0;
  REQUIRE(owner->api().C_GetSlotList(CK_TRUE, nullptr, &slots) == CKR_OK);
  {
    const auto context = open_bridge(token.driver_config());  // CKR_CRYPTOKI_ALREADY_INITIALIZED
    CHECK(ids_of(context.tokens()) == std::vector<std::string>{token.serial()});
  }  // the bridge's last context closes: it must not finalise a module it did not initialise
  CHECK(owner->api().C_GetSlotList(CK_TRUE, nullptr, &slots) == CKR_OK);
}

TEST_CASE("two contexts sign from two threads at once") {
  SoftHsmToken token;
  const auto ec = token.enroll(SoftHsmKey::ec_p256, "01", "both threads");
  std::atomic<int> good{0};
  std::atomic<bool> failed{false};
  auto work = [&](const SoftHsmToken::Enrolled& key) {
    try {
      const auto context = open_bridge(token.driver_config());
      token::Session session = context.open_session(token.serial());
      session.login(SecureBuffer(token.pin()));
      for (int i = 0; i < 20; ++i)
        if (verifies(
                key.spki, as_bytes(kMessage),
                session.sign(key.id, SignatureAlgorithm::ecdsa_p256_sha256, as_bytes(kMessage))))
          ++good;
    } catch (const std::exception&) {  // doctest's checks are not for other threads
      failed = true;
    }
  };
  std::thread one(work, std::cref(ec));
  std::thread two(work, std::cref(ec));
  one.join();
  two.join();
  CHECK_FALSE(failed);
  CHECK(good == 40);
}
