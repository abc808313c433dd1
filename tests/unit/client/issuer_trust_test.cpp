// The issuing CA a renewed certificate must chain to: configured, or pinned at the first contact
// and kept; never replaced by what the service says later.
#include <doctest/doctest.h>

#include <fstream>

#include "certrenew/client/flow/issuer_trust.hpp"
#include "certrenew/client/store/client_config.hpp"
#include "test_pki.hpp"  // TempDir
#include "test_pki.hpp"
#include "text_file.hpp"

using namespace certrenew;
using namespace certrenew::client;
namespace fs = std::filesystem;

namespace {

Bytes ca_certificate(const std::string& name) {
  auto key = testing::make_key(testing::KeyKind::ec_p256);
  testing::CertSpec spec;
  spec.subject = {{"CN", name}};
  spec.is_ca = true;
  spec.not_before = std::chrono::system_clock::now() - std::chrono::hours(1);
  spec.not_after = spec.not_before + std::chrono::days(3650);
  return testing::cert_der(testing::issue_cert(spec, key.get(), nullptr, key.get()).get());
}

void write_bytes(const fs::path& file, const Bytes& bytes) {
  std::ofstream(file, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()),
             static_cast<std::streamsize>(bytes.size()));
}

}  // namespace

TEST_CASE("the CA named at the first contact is pinned, kept, and not replaced later") {
  testing::TempDir dir;
  const Bytes first = ca_certificate("First CA");
  const Bytes other = ca_certificate("Other CA");
  const fs::path pin = dir.path() / "data" / "issuer-ca.der";
  {
    IssuerTrust trust({}, pin);
    CHECK_FALSE(trust.anchor());
    const IssuerAnchor pinned = trust.on_contact(first);
    CHECK(pinned.der == first);
    CHECK(pinned.source == IssuerAnchor::Source::pinned);
    CHECK(pinned.subject == "CN=First CA");
    CHECK(fs::exists(pin));
    CHECK((fs::status(pin).permissions() & fs::perms::others_all) == fs::perms::none);
  }
  // Another run; the service now names another CA: the pinned one stays in force.
  IssuerTrust again({}, pin);
  REQUIRE(again.anchor());
  CHECK(again.anchor()->der == first);
  CHECK(again.on_contact(other).der == first);
  CHECK(again.anchor()->der == first);
}

TEST_CASE(
    "a configured CA wins over the service's, and a bad anchor file is an error, not a re-pin") {
  testing::TempDir dir;
  const Bytes configured = ca_certificate("Configured CA");
  const Bytes service = ca_certificate("Service CA");
  write_bytes(dir.path() / "issuer.der", configured);
  const fs::path pin = dir.path() / "issuer-ca.der";
  IssuerTrust trust(dir.path() / "issuer.der", pin);
  CHECK(trust.on_contact(service).der == configured);
  CHECK(trust.anchor()->source == IssuerAnchor::Source::configured);
  CHECK_FALSE(fs::exists(pin));  // nothing pinned while one is configured

  std::ofstream(pin) << "not a certificate";
  IssuerTrust damaged({}, pin);
  try {
    (void)damaged.on_contact(service);
    FAIL("a damaged pin was replaced by the service's CA");
  } catch (const ConfigError& e) {
    CHECK(e.key() == "issuer_ca");
    CHECK(e.message_zh().find("已损坏") != std::string::npos);
  }
  CHECK_THROWS_AS(IssuerTrust(dir.path() / "missing.pem", pin).anchor(), ConfigError);

  // Without a pin file the anchor is pinned for the object's life only.
  IssuerTrust in_memory;
  CHECK(in_memory.on_contact(service).der == service);
  CHECK(in_memory.on_contact(configured).der == service);
}
