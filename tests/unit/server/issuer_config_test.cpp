// Issue 22: config.json's "issuer" object (and the older "ca" form), with a clear error naming
// the key for every bad shape.
#include <doctest/doctest.h>

#include "service/config.hpp"

using namespace certrenew::server;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

json base_config() {
  return {{"tls", {{"certificate", "tls/server.crt"}, {"private_key", "tls/server.key"}}},
          {"secrets", {{"capability_key", "s/c.key"}}},
          {"agreement", {{"version", "2026.1"}, {"files", {{"zh-CN", "a/zh.md"}}}}}};
}

json with_issuer(json issuer) {
  json c = base_config();
  c["issuer"] = std::move(issuer);
  return c;
}

json hsm_issuer() {
  return {{"type", "builtin-pkcs11"},
          {"certificate", "ca/ca.crt"},
          {"module", "/usr/lib/softhsm/libsofthsm2.so"},
          {"token", "pkcs11:token=CertRenew%20CA"},
          {"key_id", "a1b2c3"},
          {"pin_env", "CERTRENEW_CA_PIN"}};
}

json cmp_issuer() {
  return {{"type", "cmp"},
          {"server", "http://ca.example:8080/ejbca/publicweb/cmp/renewal"},
          {"ca_certificate", "cmp/ca.crt"},
          {"ra_certificate", "cmp/ra.crt"},
          {"ra_private_key", "cmp/ra.key"}};
}

// `issuer` with some members changed; a null value removes the member.
json changed(json issuer, const json& changes) {
  for (const auto& [key, value] : changes.items()) {
    if (value.is_null())
      issuer.erase(key);
    else
      issuer[key] = value;
  }
  return issuer;
}

void refused(const json& config, const char* fragment) {
  CHECK_THROWS_WITH_AS(ServerConfig::from_json(config, "/srv"), doctest::Contains(fragment),
                       std::runtime_error);
}

}  // namespace

TEST_CASE("the older \"ca\" object still means the built-in CA with a key file") {
  json c = base_config();
  c["ca"] = {{"certificate", "ca/ca.crt"}, {"private_key", "ca/ca.key"}};
  auto config = ServerConfig::from_json(c, "/srv");
  CHECK(config.issuer.type == IssuerType::builtin_file);
  CHECK(config.ca_certificate == fs::path("/srv/ca/ca.crt"));
  CHECK(config.ca_private_key == fs::path("/srv/ca/ca.key"));

  c["issuer"] = hsm_issuer();
  refused(c, "config.ca and config.issuer are both given");
  refused(base_config(), "config.ca.certificate is required");
}

TEST_CASE("issuer: builtin-file and builtin-pkcs11") {
  auto file = ServerConfig::from_json(
      with_issuer({{"type", "builtin-file"}, {"certificate", "c.crt"}, {"private_key", "c.key"}}),
      "/srv");
  CHECK(file.issuer.type == IssuerType::builtin_file);
  CHECK(file.ca_private_key == fs::path("/srv/c.key"));

  auto hsm = ServerConfig::from_json(with_issuer(hsm_issuer()), "/srv");
  CHECK(hsm.issuer.type == IssuerType::builtin_pkcs11);
  CHECK(hsm.ca_certificate == fs::path("/srv/ca/ca.crt"));
  CHECK(hsm.ca_private_key.empty());
  CHECK(hsm.issuer.hsm.key_id_hex == "a1b2c3");
  CHECK(hsm.issuer.hsm.pin_env == "CERTRENEW_CA_PIN");
  CHECK(hsm.issuer.hsm.driver.empty());  // the plugin search path

  refused(with_issuer(changed(hsm_issuer(), {{"pin_env", nullptr}})), "either pin_env or pin_file");
  refused(with_issuer(changed(hsm_issuer(), {{"pin_file", "secrets/hsm.pin"}})),
          "either pin_env or pin_file");
  refused(with_issuer(changed(hsm_issuer(), {{"token", "slot 0"}})),
          "config.issuer.token: expected a pkcs11: URI");
  refused(with_issuer(changed(hsm_issuer(), {{"key_id", "xyz"}})), "config.issuer.key_id");
  refused(with_issuer({{"type", "acme"}}), "config.issuer.type");
  refused(with_issuer({{"type", 3}}), "config.issuer.type");
}

TEST_CASE("issuer: cmp with signature or MAC protection, p10cr or kur") {
  auto cmp = ServerConfig::from_json(with_issuer(cmp_issuer()), "/srv");
  CHECK(cmp.issuer.type == IssuerType::cmp);
  CHECK(cmp.ca_certificate == fs::path("/srv/cmp/ca.crt"));
  CHECK(cmp.issuer.cmp.server_trust == fs::path("/srv/cmp/ca.crt"));  // default
  CHECK_FALSE(cmp.issuer.cmp.key_update);

  CHECK(ServerConfig::from_json(with_issuer(changed(cmp_issuer(), {{"request", "kur"}})), "/srv")
            .issuer.cmp.key_update);

  json mac = changed(cmp_issuer(), {{"ra_certificate", nullptr},
                                    {"ra_private_key", nullptr},
                                    {"mac_reference", "renewal-ra"},
                                    {"mac_secret_file", "secrets/cmp.secret"}});
  auto with_mac = ServerConfig::from_json(with_issuer(mac), "/srv");
  CHECK(with_mac.issuer.cmp.mac_secret_file == fs::path("/srv/secrets/cmp.secret"));
  mac["request"] = "kur";
  refused(with_issuer(mac), "kur is protected by the RA's signature");

  const std::pair<json, const char*> refusals[] = {
      {{{"mac_reference", "x"}, {"mac_secret_file", "y"}}, "either with ra_certificate"},
      {{{"ra_private_key", nullptr}}, "either with ra_certificate"},
      {{{"server", "ftp://ca.example/"}}, "config.issuer.server"},
      {{{"request", "ir"}}, "config.issuer.request"},
      {{{"total_timeout_seconds", 0}}, "total_timeout_seconds"},
  };
  for (const auto& [changes, refusal] : refusals) {
    CAPTURE(changes.dump());
    refused(with_issuer(changed(cmp_issuer(), changes)), refusal);
  }
}

TEST_CASE("issuer: CMP over TLS needs its trust; the issuer jobs' retry settings") {
  auto tls = cmp_issuer();
  tls["server"] = "https://ca.example/ejbca/publicweb/cmp/renewal";
  tls["tls_trust"] = "cmp/tls-ca.crt";
  auto with_tls = ServerConfig::from_json(with_issuer(tls), "/srv");
  CHECK(with_tls.issuer.cmp.tls_trust == fs::path("/srv/cmp/tls-ca.crt"));
  tls.erase("tls_trust");
  refused(with_issuer(tls), "config.issuer.tls_trust: an https server needs");
  refused(with_issuer(changed(cmp_issuer(), {{"tls_trust", "cmp/tls-ca.crt"}})),
          "config.issuer.tls_trust: only for an https server");

  auto defaults = ServerConfig::from_json(with_issuer(cmp_issuer()), "/srv").issuer;
  CHECK(defaults.retry_base_seconds == 30);
  CHECK(defaults.retry_max_seconds == 3600);
  auto retry = cmp_issuer();
  retry["retry_base_seconds"] = 5;
  retry["retry_max_seconds"] = 60;
  auto set = ServerConfig::from_json(with_issuer(retry), "/srv").issuer;
  CHECK(set.retry_base_seconds == 5);
  CHECK(set.retry_max_seconds == 60);
  retry["retry_max_seconds"] = 1;  // less than the base
  refused(with_issuer(retry), "retry_max_seconds");
  retry["retry_max_seconds"] = 60;
  retry["retry_base_seconds"] = 0;
  refused(with_issuer(retry), "retry_base_seconds");
}
