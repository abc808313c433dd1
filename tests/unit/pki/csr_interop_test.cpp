// The real openssl command line checks our requests (label `interop`).
#include <doctest/doctest.h>

#include "certrenew/core/pki/csr.hpp"
#include "openssl_key_signer.hpp"
#include "pki_fixtures.hpp"

using namespace certrenew;
using namespace certrenew::testing;

namespace {

const std::vector<pki::NameAttribute> kSubject = {
    {"C", "CN"}, {"O", "某某科技有限公司"}, {"CN", "张三"}};

}  // namespace

TEST_CASE("openssl req -verify accepts RSA and ECDSA requests") {
  for (KeyKind kind : {KeyKind::rsa2048, KeyKind::ec_p256}) {
    CAPTURE(kind_name(kind));
    TempDir dir;
    EvpKey key = make_key(kind);
    OpenSslKeySigner signer(key.get());
    const CommandResult result =
        openssl_req_verify(dir.path(), pki::build_csr(signer, kSubject), "");
    CAPTURE(result.output);
    CHECK(result.exit_code == 0);
    CHECK(result.output.find("verify OK") != std::string::npos);
  }
}

TEST_CASE("openssl req -verify accepts an SM2 request with distid 1234567812345678 only") {
  TempDir dir;
  EvpKey key = make_key(KeyKind::sm2);
  OpenSslKeySigner signer(key.get());
  const Bytes csr = pki::build_csr(signer, kSubject);

  const CommandResult with_id =
      openssl_req_verify(dir.path(), csr, "-vfyopt distid:1234567812345678");
  CAPTURE(with_id.output);
  CHECK(with_id.exit_code == 0);
  CHECK(with_id.output.find("verify OK") != std::string::npos);

  // OpenSSL's default (empty) ID must fail, or the ID would not really be in the signature.
  const CommandResult default_id = openssl_req_verify(dir.path(), csr, "");
  CAPTURE(default_id.output);
  CHECK(default_id.output.find("verify OK") == std::string::npos);
  CHECK(default_id.output.find("verify failure") != std::string::npos);
}

// OpenSSL 3.0's `req -verify` exits 0 even when the signature fails, so refusals are recognised
// by its message.
TEST_CASE("openssl req -verify refuses a request whose signature was damaged") {
  TempDir dir;
  EvpKey key = make_key(KeyKind::rsa2048);
  OpenSslKeySigner signer(key.get());
  signer.set_fault(OpenSslKeySigner::Fault::flip_signature_bit);
  const CommandResult result = openssl_req_verify(dir.path(), pki::build_csr(signer, kSubject), "");
  CAPTURE(result.output);
  CHECK(result.output.find("verify OK") == std::string::npos);
  CHECK(result.output.find("verify failure") != std::string::npos);
}
