// Dual certificates on a real token (issue 21): the softtoken driver loaded through the plugin
// host receives an SM2 encryption key pair sealed to one of its signing keys, lists it as an
// encryption key, stores its certificate and opens data sealed to it; a tampered or misdirected
// envelope changes nothing; a driver without the operations loads and says it cannot.
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "certrenew/core/pki/sm2_envelope.hpp"
#include "certrenew/core/token/plugin_host.hpp"
#include "certrenew/core/token/token_error.hpp"
#include "pki_fixtures.hpp"
#include "softtoken_fixture.hpp"

using namespace certrenew;
using namespace certrenew::testing;
using token::TokenErrc;

namespace {

const SecureBuffer& pin() {
  static const SecureBuffer value("246810");
  return value;
}

struct Holder {
  TempDir dir;
  SoftToken token = open_softtoken(dir.path(), pin());
  token::GeneratedKey signing;
  EvpKey encryption = make_key(KeyKind::sm2);
  Holder() {
    token.session.login(pin());
    signing = token.session.generate_key(token::KeyType::sm2, 0, "holder");
  }
  pki::Sm2EnvelopedKey envelope_to(const Bytes& spki) const {
    return pki::decode_sm2_enveloped_key(pki::seal_sm2_envelope(spki, encryption.get()));
  }
};

std::vector<std::string> listing(token::Session& session) {
  std::vector<std::string> lines;
  for (const auto& o : session.objects())
    lines.push_back(to_hex(o.id) + (o.key ? to_hex(o.key->spki) : "") +
                    (o.certificate ? to_hex(o.certificate->der) : ""));
  std::sort(lines.begin(), lines.end());
  return lines;
}

std::optional<TokenErrc> token_error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const token::TokenError& e) {
    return e.code();
  }
  return std::nullopt;
}

Bytes encryption_certificate(const EVP_PKEY* key) {
  const Issued ca = make_ca(KeyKind::sm2);
  CertSpec spec = holder_spec();
  spec.key_usage = "keyEncipherment,dataEncipherment";
  spec.extended_key_usage.clear();
  return issue(ca, KeyKind::sm2, spec, EvpKey(EVP_PKEY_dup(const_cast<EVP_PKEY*>(key)))).der;
}

}  // namespace

TEST_CASE("an enveloped encryption key is imported, certified and opens what is sealed to it") {
  Holder h;
  token::Session& s = h.token.session;
  CHECK(h.token.context.token_info(h.token.serial).can_hold_encryption_keys);
  const token::ObjectId id =
      s.import_enveloped_key(h.signing.id, h.envelope_to(h.signing.spki), "enc");
  CHECK(id != h.signing.id);

  const Bytes der = encryption_certificate(h.encryption.get());
  s.write_certificate(id, token::KeyUsage::encryption, "enc", der);
  const auto objects = s.objects();
  const auto listed =
      std::find_if(objects.begin(), objects.end(), [&](auto& o) { return o.id == id; });
  REQUIRE(listed != objects.end());
  CHECK(listed->usage == token::KeyUsage::encryption);
  REQUIRE(listed->key);
  CHECK(listed->key->spki == spki_der(h.encryption.get()));
  REQUIRE(listed->certificate);
  CHECK(listed->certificate->der == der);
  const auto signing =
      std::find_if(objects.begin(), objects.end(), [&](auto& o) { return o.id == h.signing.id; });
  REQUIRE(signing != objects.end());
  CHECK(signing->usage == token::KeyUsage::signing);

  const Bytes message(64, 0x5a);
  const pki::SealedData sealed = pki::seal_data(spki_der(h.encryption.get()), message);
  CHECK(s.open_sealed(id, sealed.wrapped_key, sealed.data) == message);
  // The signing key never decrypts, and a second pair next to it is refused.
  CHECK(token_error_of([&] { s.open_sealed(h.signing.id, sealed.wrapped_key, sealed.data); }) ==
        TokenErrc::data_invalid);
  CHECK(token_error_of([&] {
          s.import_enveloped_key(h.signing.id, h.envelope_to(h.signing.spki), "again");
        }) == TokenErrc::object_exists);
  // An encryption certificate does not go into the signing slot, nor a signing one into this.
  CHECK(token_error_of([&] {
          s.write_certificate(h.signing.id, token::KeyUsage::encryption, "x", der);
        }) == TokenErrc::data_invalid);
}

TEST_CASE("a tampered or misdirected envelope is refused and the token is unchanged") {
  Holder h;
  token::Session& s = h.token.session;
  const auto before = listing(s);
  pki::Sm2EnvelopedKey changed = h.envelope_to(h.signing.spki);
  changed.encrypted_private_key[0] ^= 0x80;
  CHECK(token_error_of([&] { s.import_enveloped_key(h.signing.id, changed, "enc"); }) ==
        TokenErrc::data_invalid);
  pki::Sm2EnvelopedKey wrong_key = h.envelope_to(h.signing.spki);
  wrong_key.encrypted_key.hash[3] ^= 0x01;  // C3 no longer verifies
  CHECK(token_error_of([&] { s.import_enveloped_key(h.signing.id, wrong_key, "enc"); }) ==
        TokenErrc::data_invalid);
  const EvpKey other = make_key(KeyKind::sm2);
  CHECK(token_error_of([&] {
          s.import_enveloped_key(h.signing.id, h.envelope_to(spki_der(other.get())), "enc");
        }) == TokenErrc::data_invalid);
  CHECK(listing(s) == before);
  // A P-256 signing key cannot take an SM2 envelope.
  const token::GeneratedKey p256 = s.generate_key(token::KeyType::ec_p256, 0, "p256");
  const auto with_p256 = listing(s);
  CHECK(token_error_of([&] {
          s.import_enveloped_key(p256.id, h.envelope_to(h.signing.spki), "enc");
        }) == TokenErrc::data_invalid);
  CHECK(listing(s) == with_p256);
}

TEST_CASE("without a login nothing is imported") {
  Holder h;
  h.token.session.logout();
  CHECK(token_error_of([&] {
          h.token.session.import_enveloped_key(h.signing.id, h.envelope_to(h.signing.spki), "e");
        }) == TokenErrc::not_logged_in);
}

TEST_CASE("a driver without dual certificates loads and reports the capability missing") {
  token::PluginHost host;
  const token::Driver driver = std::get<token::Driver>(host.load_file(CERTRENEW_EXAMPLE_DRIVER));
  const token::TokenContext ctx = driver.open();
  const auto tokens = ctx.tokens();
  REQUIRE(!tokens.empty());
  CHECK_FALSE(tokens.front().can_hold_encryption_keys);
  token::Session session = ctx.open_session(tokens.front().id);
  const Holder h;
  CHECK(token_error_of([&] {
          session.import_enveloped_key(token::ObjectId{1}, h.envelope_to(h.signing.spki), "e");
        }) == TokenErrc::not_supported);
  CHECK(token_error_of([&] {
          session.write_certificate(token::ObjectId{1}, token::KeyUsage::encryption, "e", Bytes{1});
        }) == TokenErrc::not_supported);
}

TEST_CASE("openssl pkeyutl -encrypt (SM2) to the encryption certificate opens on the token") {
  Holder h;
  token::Session& s = h.token.session;
  const token::ObjectId id =
      s.import_enveloped_key(h.signing.id, h.envelope_to(h.signing.spki), "enc");
  const Bytes der = encryption_certificate(h.encryption.get());
  s.write_certificate(id, token::KeyUsage::encryption, "enc", der);

  // A sealed bid as a tender platform makes it with OpenSSL: an SM4 key SM2-encrypted to the
  // certificate, the bid SM4-ECB encrypted with it.
  const TempDir work;
  write_file(work.path() / "enc.der", der);
  const std::string bid = "sealed bid: 1,234,567.89 yuan ok";  // two SM4 blocks
  write_file(work.path() / "bid", bid);
  const Bytes sm4_key = from_hex("00112233445566778899aabbccddeeff");
  write_file(work.path() / "key16", sm4_key);
  const auto steps = {
      std::string("openssl x509 -inform DER -in enc.der -pubkey -noout -out pub.pem"),
      std::string("openssl pkeyutl -encrypt -pubin -inkey pub.pem -in key16 -out wrapped.der"),
      std::string("openssl enc -sm4-ecb -nopad -K 00112233445566778899aabbccddeeff -in bid "
                  "-out bid.enc")};
  for (const auto& step : steps) {
    const CommandResult r = run_command("cd " + quoted(work.path()) + " && " + step, work.path());
    INFO(step << ": " << r.output);
    REQUIRE(r.exit_code == 0);
  }
  const pki::Sm2Cipher wrapped = pki::decode_sm2_cipher(read_file(work.path() / "wrapped.der"));
  const Bytes opened = s.open_sealed(id, wrapped, read_file(work.path() / "bid.enc"));
  CHECK(std::string(opened.begin(), opened.end()) == bid);
}
