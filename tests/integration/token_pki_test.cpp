// PKCS#10 and CMS signed by keys that live on a real token (label `integration`): the softtoken
// driver loaded through the plugin host, keys generated on the token, signatures made by the
// driver through token::TokenSigner. What the pki unit tests check with a test double is checked
// here on the path the product takes, with our verifiers and with the openssl command line.
#include <doctest/doctest.h>

#include <openssl/x509.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "certrenew/core/pki/csr.hpp"
#include "certrenew/core/pki/signed_data.hpp"
#include "certrenew/core/token/token_error.hpp"
#include "certrenew/core/token/token_signer.hpp"
#include "pki_fixtures.hpp"
#include "softtoken_fixture.hpp"

using namespace certrenew;
using namespace certrenew::testing;
using certrenew::pki::PkiErrc;
using certrenew::token::TokenErrc;

namespace {

constexpr std::string_view kPin = "246810";
const std::string kApplication =
    R"({"type":"certrenew.test-content","period_months":24,"nonce":"3b9f0c2ad1e84f67"})";
const Bytes kApplicationBytes(kApplication.begin(), kApplication.end());

struct KeyCase {
  KeyKind kind;
  token::KeyType type;
  unsigned bits;
  SignatureAlgorithm algorithm;
};

constexpr KeyCase kKeyCases[] = {
    {KeyKind::rsa2048, token::KeyType::rsa, 2048, SignatureAlgorithm::rsa_pkcs1_sha256},
    {KeyKind::ec_p256, token::KeyType::ec_p256, 0, SignatureAlgorithm::ecdsa_p256_sha256},
    {KeyKind::sm2, token::KeyType::sm2, 0, SignatureAlgorithm::sm2_sm3},
};

// The token never gives out the private key, so the CA certifies the public half it reports.
EvpKey public_key_of(const Bytes& spki) {
  const unsigned char* in = spki.data();
  EvpKey key(d2i_PUBKEY(nullptr, &in, static_cast<long>(spki.size())));
  REQUIRE(key != nullptr);
  return key;
}

const token::TokenObject* find_object(const std::vector<token::TokenObject>& objects,
                                      const token::ObjectId& id) {
  for (const auto& object : objects)
    if (object.id == id) return &object;
  return nullptr;
}

// The code of the TokenError `action` throws, proving it reached the caller as a TokenError
// (a PkiError or anything else fails the test).
TokenErrc token_error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const token::TokenError& error) {
    return error.code();
  }
  FAIL("no TokenError was thrown");
  return TokenErrc::general;
}

// A logged-in softtoken in a temporary folder with a P-256 key made on it, and a P-256 CA.
struct TokenWithKey {
  TempDir dir;
  SoftToken token = open_softtoken(dir.path() / "tokens", SecureBuffer(kPin));
  const token::GeneratedKey generated = [this] {
    token.session.login(SecureBuffer(kPin));
    return token.session.generate_key(token::KeyType::ec_p256, 0, "k");
  }();
  const Issued ca = make_ca(KeyKind::ec_p256);
};

}  // namespace

TEST_CASE("requests and SignedData signed on the softtoken verify here and with openssl") {
  TempDir dir;
  SoftToken token = open_softtoken(dir.path() / "tokens", SecureBuffer(kPin));
  token.session.login(SecureBuffer(kPin));

  for (const KeyCase& key_case : kKeyCases) {
    CAPTURE(kind_name(key_case.kind));
    const token::GeneratedKey generated =
        token.session.generate_key(key_case.type, key_case.bits, kind_name(key_case.kind));
    const token::TokenSigner signer(token.session, generated.id);
    CHECK(signer.algorithm() == key_case.algorithm);
    CHECK(signer.public_key_spki() == generated.spki);

    // As a CA's enrollment would: certify the token key and store the certificate beside it.
    const Issued ca = make_ca(key_case.kind);
    const Issued holder = issue(ca, key_case.kind, holder_spec(), public_key_of(generated.spki));
    token.session.write_certificate(generated.id, "holder", holder.der);
    const auto objects = token.session.objects();
    const token::TokenObject* stored = find_object(objects, generated.id);
    REQUIRE(stored != nullptr);
    REQUIRE(stored->certificate.has_value());
    CHECK(stored->certificate->der == holder.der);
    REQUIRE(stored->key.has_value());
    CHECK(stored->key->spki == generated.spki);

    // PKCS#10 for the certificate's subject, byte for byte, as a renewal asks.
    const Bytes subject = subject_der(holder.certificate.get());
    const Bytes csr = pki::build_csr(signer, subject);
    const pki::CsrInfo info = pki::verify_csr(csr);
    CHECK(info.subject_der == subject);
    CHECK(info.spki_der == generated.spki);
    CHECK(info.algorithm == key_case.algorithm);
    const std::string distid =
        key_case.kind == KeyKind::sm2 ? "-vfyopt distid:" + std::string(kDefaultSm2SignerId) : "";
    const CommandResult req = openssl_req_verify(dir.path(), csr, distid);
    CAPTURE(req.output);
    CHECK(req.exit_code == 0);
    CHECK(req.output.find("verify OK") != std::string::npos);  // 3.0 exits 0 on failure too

    // SignedData over an application, checked against the CA as the server does.
    const Bytes message = pki::build_signed_data(signer, holder.der, as_bytes(kApplication));
    pki::SignedDataVerifyOptions trusted;
    trusted.trust = pki::TrustOptions{};
    trusted.trust->anchors = {ca.der};
    const pki::VerifiedSignedData verified = pki::verify_signed_data(message, trusted);
    CHECK(verified.content == kApplicationBytes);
    CHECK(verified.signer_certificate_der == holder.der);
    CHECK(verified.algorithm == key_case.algorithm);
    CHECK(verified.format == (key_case.kind == KeyKind::sm2 ? pki::SignedDataFormat::gmt0010
                                                            : pki::SignedDataFormat::cms));

    // OpenSSL 3.0 reads only RFC 5652 CMS; GM/T 0010 (SM2) is checked by our verifier above.
    if (key_case.kind != KeyKind::sm2) {
      const CmsVerifyResult cms = openssl_cms_verify(dir.path(), message, ca.certificate.get());
      CAPTURE(cms.result.output);
      CHECK(cms.result.exit_code == 0);
      CHECK(cms.result.output.find("Verification successful") != std::string::npos);
      CHECK(cms.content_out == kApplicationBytes);
    }
  }
}

TEST_CASE_FIXTURE(TokenWithKey,
                  "without a login the token refuses to sign and pki passes its error through") {
  const Issued holder = issue(ca, KeyKind::ec_p256, holder_spec(), public_key_of(generated.spki));
  token.session.write_certificate(generated.id, "holder", holder.der);
  token.session.logout();

  // Reading public objects needs no PIN, so the signer can be made; signing cannot happen.
  const token::TokenSigner signer(token.session, generated.id);
  const Bytes subject = subject_der(holder.certificate.get());
  CHECK(token_error_of([&] { pki::build_csr(signer, subject); }) == TokenErrc::not_logged_in);
  CHECK(token_error_of([&] {
          pki::build_signed_data(signer, holder.der, as_bytes(kApplication));
        }) == TokenErrc::not_logged_in);

  // A wrong PIN does not log in, spends one try and leaves signing refused.
  std::optional<int> retries_left;
  try {
    token.session.login(SecureBuffer("000000"));
    FAIL("a wrong PIN logged in");
  } catch (const token::TokenError& error) {
    CHECK(error.code() == TokenErrc::pin_incorrect);
    retries_left = error.retries_left();
  }
  CHECK(retries_left.has_value());
  CHECK(token_error_of([&] { pki::build_csr(signer, subject); }) == TokenErrc::not_logged_in);

  // The failures changed nothing on the token: the key and its certificate are still there and
  // sign once the right PIN is given.
  const auto objects = token.session.objects();
  REQUIRE(objects.size() == 1);
  CHECK(objects.front().id == generated.id);
  REQUIRE(objects.front().certificate.has_value());
  CHECK(objects.front().certificate->der == holder.der);
  token.session.login(SecureBuffer(kPin));
  CHECK(pki::verify_csr(pki::build_csr(signer, subject)).spki_der == generated.spki);
}

TEST_CASE_FIXTURE(TokenWithKey,
                  "a certificate for another key is refused by pki and by the token") {
  const Issued stranger = issue(ca, KeyKind::ec_p256, holder_spec());  // a fresh OpenSSL key
  const token::TokenSigner signer(token.session, generated.id);

  CHECK(pki_error_of([&] {
          pki::build_signed_data(signer, stranger.der, as_bytes(kApplication));
        }) == PkiErrc::key_mismatch);
  // The token refuses to pair that certificate with its key too, and stores nothing.
  CHECK(token_error_of([&] {
          token.session.write_certificate(generated.id, "stranger", stranger.der);
        }) == TokenErrc::data_invalid);
  const auto objects = token.session.objects();
  REQUIRE(objects.size() == 1);
  CHECK_FALSE(objects.front().certificate.has_value());
}
