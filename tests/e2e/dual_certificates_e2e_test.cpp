// Issue 21 end to end: an SM2 dual-certificate holder (signing and encryption certificate on the
// token) renews through certrenew-cli, a separate process, against a real certrenew-server with
// its KMC on — once on a softtoken and once on an SKF key through the SKF bridge over the SKF test
// double. Between them a reverse proxy (TLS verified both ways) first alters the download in
// flight: the client refuses it and the token stays as it was; then the real answer installs.
// After the renewal, bids a relying party sealed with the openssl command line open on the token:
// one sealed to the new encryption certificate, and one sealed to the old one before the renewal.
// Then the holder loses the token: an admin recovers the escrowed key to the holder's application
// on a blank token, and certrenew-cli installs it there.
#include <doctest/doctest.h>

#include <atomic>
#include <fstream>
#include <functional>

#include "certrenew/core/pki/sm2_envelope.hpp"
#include "certrenew/core/protocol/dual_certificates.hpp"
#include "certrenew/core/x509/certificate.hpp"
#include "dual_token.hpp"
#include "gateway_proxy.hpp"
#include "run_program.hpp"

using namespace certrenew;
using namespace certrenew::testing;
using nlohmann::json;

namespace {

x509::Certificate from_pem(const json& pem) {
  return protocol::decode_encryption_certificate(protocol::Field(pem));
}

std::string text_of(const Bytes& b) {
  return std::string(b.begin(), b.end());
}
std::string text_of(const SealedBid& bid) {
  return text_of(bid.plain);
}

// apply (whether the sealed-bid note is shown), pay by transfer, the back office confirms it.
std::string paid_application(CliWorld& world, bool note_expected) {
  auto applied = world.cli({"apply", "--accept-agreement", "--form", world.form_file(24).string(),
                            "--pin-env", CliWorld::kPinVariable, "--json"});
  INFO("stderr: " << applied.err);
  REQUIRE(applied.rc == 0);
  // A dual-certificate holder is told that bids sealed to the current encryption certificate
  // stay readable after the renewal.
  CHECK((applied.err.find("sealed") != std::string::npos) == note_expected);
  const std::string no = applied.json()["business_no"];
  world.pay_by_transfer(no, "200.00");
  world.confirm_payment(no);
  return no;
}

// `certrenew-server admin recover-key`, with the instance's admin token in a file.
int recover_key(const CliWorld& world, const std::string& no, const std::string& serial,
                std::string* out) {
  const auto token_file = world.client_dir() / "admin.token";
  std::ofstream(token_file) << world.server().operator_token() << "\n";
  return run_program(
      {CERTRENEW_SERVER_BINARY, "admin", "--config", world.server().config_file().string(),
       "--listen", "127.0.0.1:" + std::to_string(world.server().port()), "--token-file",
       token_file.string(), "recover-key", no, serial},
      out);
}

CliRun install(const CliWorld& world, const std::string& no) {
  return world.cli({"install", no, "--pin-env", CliWorld::kPinVariable, "--json"});
}

bool is_download(const httplib::Request& in, const httplib::Response& out) {
  return in.method == "GET" && in.path.ends_with("/certificate") && out.status == 200;
}

// The proxy alters the download's "encryption" part with `alter` (the answer is otherwise the
// service's, byte for byte); how many answers it altered is counted.
GatewayProxy::Rewrite altering(std::function<void(json&)> alter, std::atomic<int>& altered) {
  return [alter = std::move(alter), &altered](const httplib::Request& in, httplib::Response& out) {
    if (!is_download(in, out)) return;
    json body = json::parse(out.body);
    if (!body.contains("encryption")) return;
    alter(body["encryption"]);
    out.body = body.dump();
    ++altered;
  };
}

// Every exit of `selftest` (or install's self-test) passed, and these checks ran.
void all_passed(const json& selftest, const std::vector<std::string>& checks) {
  INFO(selftest.dump());
  CHECK(selftest["passed"] == true);
  REQUIRE(selftest["checks"].size() == checks.size());
  for (std::size_t i = 0; i < checks.size(); ++i) {
    CHECK(selftest["checks"][i]["check"] == checks[i]);
    CHECK(selftest["checks"][i]["passed"] == true);
  }
}

int openssl_verify(const CliWorld& world, const Bytes& der) {
  const auto file = world.client_dir() / "verify.pem";
  std::ofstream(file) << protocol::certificate_pem(der);
  std::string out;
  const int rc =
      run_program({"/usr/bin/openssl", "verify", "-vfyopt", "distid:1234567812345678", "-CAfile",
                   (world.server().dir() / "ca" / "ca.crt").string(), file.string()},
                  &out);
  INFO(out);
  return rc;
}

// The whole story on one kind of token.
void dual_renewal_end_to_end(Holder holder) {
  CliWorld world({.ca_key = "sm2", .demo = true});
  CHECK(world.server().get("/api/v1/info").body["dual_certificates"] == "when-present");
  DualToken token(world, holder);
  GatewayProxy proxy(world);
  world.use_service_url(proxy.base_url(), proxy.trust_file());
  const Bytes old_signing = token.signing_certificate();
  const Bytes old_encryption = token.encryption_certificate();
  REQUIRE_FALSE(old_encryption.empty());

  // The client pairs the encryption certificate with the signing one: one certificate offered.
  // `certs` shows the pair: the encryption certificate under the signing one.
  const json certs = world.certificates();
  REQUIRE(certs.size() == 1);
  CHECK(certs[0]["serial"] == x509::parse_certificate(old_signing).serial_hex);
  const x509::Certificate old_encryption_cert = x509::parse_certificate(old_encryption);
  REQUIRE(certs[0]["encryption_certificate"].is_object());
  CHECK(certs[0]["encryption_certificate"]["serial"] == old_encryption_cert.serial_hex);
  CHECK(certs[0]["encryption_certificate"]["sha256"] ==
        to_hex(old_encryption_cert.sha256_fingerprint));
  CHECK(certs[0]["encryption_certificate"]["expired"] == false);

  // A tender bid sealed to the current encryption certificate, waiting to be opened.
  const SealedBid old_bid = seal_bid_with_openssl(world.client_dir(), old_encryption,
                                                  "tender bid 2026-041, sealed before");
  CHECK(token.open_on_token(old_encryption, old_bid) == old_bid.plain);

  const std::string no = paid_application(world, true);
  world.approve(no);

  // Tampered in flight, twice: a byte of the encrypted private key changed; the encryption
  // certificate swapped for the holder's old one (this CA's, but not the envelope's key). The
  // install is refused before anything is written, and the token is as it was.
  const auto before = token.snapshot();
  std::atomic<int> altered{0};
  const std::vector<std::function<void(json&)>> tampering = {
      [](json& enc) {
        Bytes envelope = from_base64(enc["envelope"].get<std::string>());
        envelope[envelope.size() - 5] ^= 0x01;
        enc["envelope"] = to_base64(envelope);
      },
      [&](json& enc) { enc["certificate"] = protocol::certificate_pem(old_encryption); }};
  for (std::size_t i = 0; i < tampering.size(); ++i) {
    CAPTURE(i);
    proxy.set_rewrite(altering(tampering[i], altered));
    const CliRun refused = install(world, no);
    INFO("stderr: " << refused.err);
    CHECK(refused.rc == 12);  // certificate_rejected: nothing written
    CHECK(altered.load() == static_cast<int>(i + 1));
    CHECK(token.snapshot() == before);
    CHECK(world.admin_view(no)["state"]["code"] != "completed");
  }

  // The service's own answer installs; its self-test passes.
  proxy.set_rewrite({});
  const CliRun installed = install(world, no);
  INFO("stderr: " << installed.err);
  REQUIRE(installed.rc == 0);
  const json result = installed.json();
  CHECK(result["old_retired"] == false);  // policy "keep"
  all_passed(result["selftest"], {"sign", "open_new", "open_previous"});
  CHECK(world.admin_view(no)["state"]["code"] == "completed");

  // Both new certificates: the CA's (openssl verifies them), one holder, each for its use.
  REQUIRE(result.contains("new_encryption_certificate"));
  const x509::Certificate encryption = from_pem(result["new_encryption_certificate"]);
  const x509::Certificate old_cert = x509::parse_certificate(old_signing);
  CHECK(encryption.der != old_encryption);
  CHECK(encryption.subject.same_as(old_cert.subject));
  CHECK(encryption.key_usage == std::vector<std::string>{"keyEncipherment", "dataEncipherment"});
  CHECK(openssl_verify(world, encryption.der) == 0);
  CHECK(token.holds_key_of(encryption.der));

  // A bid sealed with `openssl pkeyutl -encrypt` to the NEW encryption certificate opens on the
  // token; the bid sealed to the OLD one before the renewal still opens (key history).
  const SealedBid new_bid =
      seal_bid_with_openssl(world.client_dir(), encryption.der, "tender bid 2026-042, after");
  CHECK(text_of(token.open_on_token(encryption.der, new_bid)) == text_of(new_bid));
  CHECK(text_of(token.open_on_token(old_encryption, old_bid)) == text_of(old_bid));
  // Neither key opens the other's bid.
  CHECK_THROWS(token.open_on_token(encryption.der, old_bid));

  // `certrenew-cli selftest` on the renewed certificate, as the holder runs it later.
  std::string renewed_selector;
  for (const auto& c : world.certificates())
    if (c["renewed_by"].is_null() && c["serial"] != old_cert.serial_hex) {
      renewed_selector = c["selector"];
      CHECK(c["encryption_certificate"]["serial"] == encryption.serial_hex);  // the new pair
    }
  REQUIRE_FALSE(renewed_selector.empty());
  const CliRun selftest = world.cli(
      {"selftest", "--cert", renewed_selector, "--pin-env", CliWorld::kPinVariable, "--json"});
  INFO("stderr: " << selftest.err);
  CHECK(selftest.rc == 0);
  all_passed(selftest.json()["selftest"], {"sign", "open_new", "open_previous"});

  // The holder loses the token. The CA's desk enrols a blank one (signing certificate only); the
  // holder applies from it; an admin recovers the escrowed key to that application.
  token.replace_with_blank_token();
  const std::string second = paid_application(world, false);
  std::string out;
  REQUIRE_MESSAGE(recover_key(world, second, encryption.serial_hex, &out) == 0, out);
  CHECK(out.find(encryption.serial_hex) != std::string::npos);
  world.approve(second);
  const CliRun recovered = install(world, second);
  INFO("stderr: " << recovered.err);
  REQUIRE(recovered.rc == 0);
  // The blank token's renewal issued no encryption certificate; the one written next to the new
  // signing key is the recovered one.
  CHECK(from_pem(recovered.json()["new_encryption_certificate"]).der == encryption.der);
  all_passed(recovered.json()["selftest"], {"sign", "open_new"});
  CHECK(token.holds_key_of(encryption.der));
  bool certificate_there = false;
  for (const auto& line : token.snapshot())
    certificate_there = certificate_there || line.find(to_hex(encryption.der)) != std::string::npos;
  CHECK(certificate_there);
  // The bid sealed to that certificate on the lost token opens on the new one, and so does one
  // sealed now.
  CHECK(text_of(token.open_on_token(encryption.der, new_bid)) == text_of(new_bid));
  const SealedBid later =
      seal_bid_with_openssl(world.client_dir(), encryption.der, "tender bid 2026-043, recovered");
  CHECK(text_of(token.open_on_token(encryption.der, later)) == text_of(later));
  // The recovery is on the application's record.
  int events = 0;
  const json view = world.admin_view(second);
  for (const auto& e : view["events"])
    if (e["kind"] == "encryption_key_recovered") ++events;
  CHECK(events == 1);
}

}  // namespace

TEST_CASE("an SM2 dual-certificate holder on a softtoken renews end to end; keys recovered") {
  dual_renewal_end_to_end(Holder::softtoken);
}

TEST_CASE("an SM2 dual-certificate holder on an SKF key renews end to end; keys recovered") {
  dual_renewal_end_to_end(Holder::skf);
}
