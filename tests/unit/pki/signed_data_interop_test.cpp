// The real openssl command line checks our SignedData (label `interop`).
#include <doctest/doctest.h>

#include <algorithm>

#include "certrenew/core/pki/signed_data.hpp"
#include "openssl_key_signer.hpp"
#include "pki_fixtures.hpp"

using namespace certrenew;
using namespace certrenew::testing;
using certrenew::pki::PkiErrc;

namespace {

const std::string kApplication = R"({"period_years":1,"operator":"李四","nonce":"c0ffee"})";

}  // namespace

TEST_CASE("openssl cms -verify accepts our RSA and ECDSA SignedData and refuses changed content") {
  for (KeyKind kind : {KeyKind::rsa2048, KeyKind::ec_p256}) {
    CAPTURE(kind_name(kind));
    TempDir dir;
    const Issued ca = make_ca(kind);
    const Issued holder = issue(ca, kind, holder_spec());
    OpenSslKeySigner signer(holder.key.get());
    const Bytes message = pki::build_signed_data(signer, holder.der, as_bytes(kApplication));

    const CmsVerifyResult accepted = openssl_cms_verify(dir.path(), message, ca.certificate.get());
    CAPTURE(accepted.result.output);
    CHECK(accepted.result.exit_code == 0);
    CHECK(accepted.result.output.find("Verification successful") != std::string::npos);
    CHECK(accepted.content_out == Bytes(kApplication.begin(), kApplication.end()));

    Bytes tampered = message;
    const Bytes content(kApplication.begin(), kApplication.end());
    auto at = std::search(tampered.begin(), tampered.end(), content.begin(), content.end());
    REQUIRE(at != tampered.end());
    *(at + 5) ^= 0x01;
    const CmsVerifyResult refused = openssl_cms_verify(dir.path(), tampered, ca.certificate.get());
    CAPTURE(refused.result.output);
    CHECK(refused.result.exit_code != 0);
    CHECK(refused.result.output.find("Verification successful") == std::string::npos);
    pki::SignedDataVerifyOptions trust;
    trust.trust = pki::TrustOptions{};
    trust.trust->anchors = {ca.der};
    CHECK(pki_error_of([&] { pki::verify_signed_data(tampered, trust); }) ==
          PkiErrc::digest_mismatch);
  }
}

TEST_CASE("openssl refuses our SignedData when it does not trust the CA") {
  TempDir dir;
  const Issued ca = make_ca(KeyKind::ec_p256);
  const Issued other_ca = make_ca(KeyKind::ec_p256, "Other CA");
  const Issued holder = issue(ca, KeyKind::ec_p256, holder_spec());
  OpenSslKeySigner signer(holder.key.get());
  const Bytes message = pki::build_signed_data(signer, holder.der, as_bytes(kApplication));
  const CmsVerifyResult refused =
      openssl_cms_verify(dir.path(), message, other_ca.certificate.get());
  CAPTURE(refused.result.output);
  CHECK(refused.result.exit_code != 0);
}

TEST_CASE("openssl asn1parse reads our GM/T 0010 SignedData and shows its identifiers") {
  TempDir dir;
  const Issued ca = make_ca(KeyKind::sm2);
  const Issued holder = issue(ca, KeyKind::sm2, holder_spec());
  OpenSslKeySigner signer(holder.key.get());
  const auto file = dir.path() / "application.p7s";
  write_file(file, pki::build_signed_data(signer, holder.der, as_bytes(kApplication)));

  const CommandResult parsed =
      run_command("openssl asn1parse -inform DER -in " + quoted(file), dir.path());
  CAPTURE(parsed.output);
  CHECK(parsed.exit_code == 0);
  for (const char* oid :
       {"1.2.156.10197.6.1.4.2.2", "1.2.156.10197.6.1.4.2.1", "1.2.156.10197.1.301.1"}) {
    CAPTURE(oid);
    CHECK(parsed.output.find(oid) != std::string::npos);
  }
  CHECK(parsed.output.find("sm3") != std::string::npos);  // OpenSSL names SM3 itself
}
