// Issue 22: the built-in CA with its key on an HSM (SoftHSM2, made by the test), reached through
// the pkcs11 driver plugin. A renewal end to end against a real certrenew-server process, the
// issued certificate and the CRL checked by openssl, and no file of the instance holding the key.
#include <doctest/doctest.h>

#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "ca/authority.hpp"
#include "certrenew/core/x509/certificate.hpp"
#include "issuers/builtin/hsm_ca_key.hpp"
#include "security_support.hpp"
#include "softhsm_fixture.hpp"

using namespace certrenew;
using namespace certrenew::testing;
using namespace certrenew::testing::security;
namespace fs = std::filesystem;

namespace {

constexpr const char* kPinVariable = "CERTRENEW_TEST_HSM_PIN";
const std::string kPin = "hsm-pin-7391";  // distinctive, so a copy of it in a file is found

SoftHsmToken::Options hsm_options() {
  SoftHsmToken::Options o;
  o.label = "CertRenew CA";
  o.pin = kPin;
  return o;
}

std::vector<std::string> init_args(const SoftHsmToken& token) {
  return {"--issuer",      "builtin-pkcs11",
          "--hsm-module",  softhsm_module().string(),
          "--hsm-token",   "pkcs11:serial=" + token.serial(),
          "--hsm-pin-env", kPinVariable,
          "--hsm-driver",  pkcs11_driver_file().string()};
}

server::HsmKeyConfig hsm_config_of(const ServerProcess& s) {
  auto config = server::ServerConfig::load(s.config_file());
  REQUIRE(config.issuer.type == server::IssuerType::builtin_pkcs11);
  return config.issuer.hsm;
}

// A customer whose certificate the HSM-backed CA issued. The server is stopped meanwhile, so one
// process at a time uses the token.
Applicant customer_of(ServerProcess& s, KeyKind kind) {
  s.stop();
  Applicant a = [&] {
    auto key = server::HsmCaKey::open(hsm_config_of(s));
    auto ca =
        server::CertificateAuthority::load_with_signer(s.dir() / "ca" / "ca.crt", key->signer());
    return Applicant::of(ca, kind, std::chrono::system_clock::now() + std::chrono::days(20));
  }();
  s.start();
  return a;
}

std::string read_all(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// True when `file` holds a private key (PEM or DER) whose public half is `ca_key`.
bool holds_key(const fs::path& file, EVP_PKEY* ca_key) {
  const std::string data = read_all(file);
  ossl::BioPtr bio(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
  ossl::EvpPkeyPtr pem(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  ossl::EvpPkeyPtr der(d2i_AutoPrivateKey(nullptr, &p, static_cast<long>(data.size())));
  ERR_clear_error();
  return (pem && EVP_PKEY_eq(pem.get(), ca_key) == 1) ||
         (der && EVP_PKEY_eq(der.get(), ca_key) == 1);
}

void renew_end_to_end(KeyKind ca_kind, const char* ca_key_type) {
  SoftHsmToken token(hsm_options());
  setenv(kPinVariable, kPin.c_str(), 1);
  ServerProcess s({.ca_key = ca_key_type, .init_args = init_args(token)});
  CHECK_FALSE(fs::exists(s.dir() / "ca" / "ca.key"));
  const auto config = nlohmann::json::parse(read_all(s.config_file()));
  CHECK(config["issuer"]["type"] == "builtin-pkcs11");
  CHECK_FALSE(config["issuer"].contains("pin"));

  Applicant a = customer_of(s, ca_kind);
  const Submitted app = submit(s, a);
  pay_and_approve(s, app);
  const Bytes issued = download(s, app);

  const fs::path work = s.dir().parent_path();
  write_pem_certificate(work / "new.pem", issued);
  std::string out;
  CHECK_MESSAGE(shell("openssl verify -CAfile '" + (s.dir() / "ca" / "ca.crt").string() + "' '" +
                          (work / "new.pem").string() + "'",
                      &out) == 0,
                out);
  const auto cert = x509::parse_certificate(issued);
  CHECK(cert.subject.der == x509::parse_certificate(a.old_cert_der).subject.der);

  // Installing supersedes the old certificate: the CRL, signed on the HSM, lists it.
  REQUIRE(s.post(kApps + "/" + app.business_no + "/installed", nullptr, app.token).status == 200);
  auto crl = s.client()->Get("/crl/ca.crl");
  REQUIRE(crl);
  REQUIRE(crl->status == 200);
  std::ofstream(work / "ca.crl", std::ios::binary) << crl->body;
  CHECK_MESSAGE(shell("openssl crl -inform DER -in '" + (work / "ca.crl").string() + "' -CAfile '" +
                          (s.dir() / "ca" / "ca.crt").string() + "' -noout -text",
                      &out) == 0,
                out);
  CHECK(out.find("verify OK") != std::string::npos);
  CHECK(out.find(x509::parse_certificate(a.old_cert_der).serial_hex) != std::string::npos);

  // The key never left the HSM: no file of the instance holds it, and the PIN is in none.
  server::X509Ptr ca_cert = server::read_certificate(s.dir() / "ca" / "ca.crt");
  for (const auto& entry : fs::recursive_directory_iterator(s.dir())) {
    if (!entry.is_regular_file()) continue;
    CHECK_MESSAGE(!holds_key(entry.path(), X509_get0_pubkey(ca_cert.get())), entry.path());
    CHECK_MESSAGE(read_all(entry.path()).find(kPin) == std::string::npos, entry.path());
  }
  unsetenv(kPinVariable);
}

}  // namespace

TEST_CASE("an HSM-backed CA (P-256) renews end to end; openssl verifies; the key is in no file") {
  renew_end_to_end(KeyKind::ec_p256, "ec");
}

TEST_CASE("an HSM-backed CA (RSA) renews end to end; openssl verifies; the key is in no file") {
  renew_end_to_end(KeyKind::rsa2048, "rsa");
}

TEST_CASE("a wrong or exposed HSM PIN stops the service at start with a clear reason") {
  SoftHsmToken token(hsm_options());
  setenv(kPinVariable, kPin.c_str(), 1);
  ServerProcess s({.init_args = init_args(token)});
  s.stop();

  setenv(kPinVariable, "wrong-pin-0000", 1);
  try {
    s.start();
    FAIL("the service started with a wrong PIN");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()).find("PIN") != std::string::npos);
    CHECK(std::string(e.what()).find("wrong-pin-0000") == std::string::npos);
  }

  // A PIN file that others can read is refused before the HSM is asked.
  const fs::path pin_file = s.dir() / "secrets" / "hsm.pin";
  std::ofstream(pin_file) << kPin << "\n";
  fs::permissions(pin_file, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  try {
    s.reconfigure([&](nlohmann::json& c) {
      c["issuer"].erase("pin_env");
      c["issuer"]["pin_file"] = "secrets/hsm.pin";
    });
    FAIL("the service started with a group-readable PIN file");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()).find("owner-only") != std::string::npos);
  }
  fs::permissions(pin_file, fs::perms::owner_read | fs::perms::owner_write);
  unsetenv(kPinVariable);
  s.start();  // the owner-only file is accepted
  CHECK(s.get("/api/v1/info").status == 200);
}
