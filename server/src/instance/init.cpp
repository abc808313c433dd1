#include "instance/init.hpp"

#include <boost/dll/runtime_symbol_info.hpp>

#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "certrenew/core/bytes.hpp"
#include "issuers/builtin/hsm_ca_key.hpp"
#include "issuers/kmc/key_escrow.hpp"
#include "service/digest.hpp"
#include "service/service_text.hpp"

namespace certrenew::server {

namespace fs = std::filesystem;

namespace {

void write_new(const fs::path& file, const std::string& text, bool owner_only) {
  if (fs::exists(file))
    throw std::runtime_error(file.string() + " exists already; not overwritten");
  fs::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary);
  if (!out) throw std::runtime_error("cannot create " + file.string());
  if (owner_only) fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write);
  out << text;
  if (!out.flush()) throw std::runtime_error("cannot write " + file.string());
}

token::KeyType token_key_type(CaKeyType type) {
  switch (type) {
    case CaKeyType::rsa3072:
      return token::KeyType::rsa;
    case CaKeyType::sm2:
      return token::KeyType::sm2;
    case CaKeyType::ec_p256:
      break;
  }
  return token::KeyType::ec_p256;
}

// The issuing CA: a key file, or a key made on the HSM. Returns config.json's "issuer" object.
nlohmann::json create_issuing_ca(const InitOptions& o) {
  const fs::path& d = o.dir;
  if (!o.hsm) {
    CertificateAuthority::create(o.ca_key, "CertRenew Demo CA", "CertRenew Demo",
                                 d / "ca" / "ca.crt", d / "ca" / "ca.key");
    return {{"type", "builtin-file"}, {"certificate", "ca/ca.crt"}, {"private_key", "ca/ca.key"}};
  }
  if (fs::exists(d / "ca" / "ca.crt"))
    throw std::runtime_error((d / "ca" / "ca.crt").string() + " exists already; not overwritten");
  auto made = HsmCaKey::generate(*o.hsm, token_key_type(o.ca_key), "CertRenew CA");
  CertificateAuthority::create_with_signer(made.key->signer(), "CertRenew CA", "CertRenew",
                                           d / "ca" / "ca.crt");
  nlohmann::json issuer = {{"type", "builtin-pkcs11"},
                           {"certificate", "ca/ca.crt"},
                           {"module", o.hsm->module.string()},
                           {"token", o.hsm->token},
                           {"key_id", made.key_id_hex}};
  if (!o.hsm->driver.empty()) issuer["driver"] = o.hsm->driver.string();
  if (!o.hsm->pin_env.empty()) issuer["pin_env"] = o.hsm->pin_env;
  if (!o.hsm->pin_file.empty()) issuer["pin_file"] = o.hsm->pin_file.string();
  return issuer;
}

}  // namespace

fs::path find_assets_dir() {
  fs::path exe_dir = boost::dll::program_location().parent_path().string();
  for (const fs::path& candidate :
       {exe_dir / "assets", exe_dir / ".." / "share" / "certrenew" / "assets",
        fs::path(CERTRENEW_SOURCE_ASSETS_DIR)}) {
    if (fs::exists(candidate / "agreement")) return fs::weakly_canonical(candidate);
  }
  throw std::runtime_error("cannot find the assets folder (agreement texts) beside " +
                           exe_dir.string());
}

InitResult init_instance(const InitOptions& o) {
  const fs::path& d = o.dir;
  if (fs::exists(d / "config.json"))
    throw std::runtime_error(d.string() +
                             " already holds an instance (config.json); nothing was changed");
  fs::create_directories(d);

  const nlohmann::json issuer = create_issuing_ca(o);
  // The service's TLS has its own root, as a real CA's web service would.
  auto tls_root =
      CertificateAuthority::create(CaKeyType::ec_p256, "CertRenew Demo TLS Root", "CertRenew Demo",
                                   d / "tls" / "root.crt", d / "tls" / "root.key");
  PkeyPtr server_key = generate_key(CaKeyType::ec_p256);
  auto tls_der = tls_root.issue_tls_server(server_key.get(), {"localhost"}, {"127.0.0.1", "::1"},
                                           Clock::now());
  write_private_key_pem(d / "tls" / "server.key", server_key.get());
  write_certificate_pem(d / "tls" / "server.crt", parse_certificate_der(tls_der).get());

  write_new(d / "secrets" / "capability.key", to_hex(random_bytes(32)) + "\n", true);
  // Issue 21: the KMC master key that encrypts escrowed SM2 encryption keys (owner-only).
  KeyEscrow::create_master_key_file(d / "secrets" / "kmc-master.key");
  if (o.demo) write_new(d / "secrets" / "gateway.key", to_hex(random_bytes(32)) + "\n", true);
  const std::string operator_token = to_hex(random_bytes(24));
  write_new(d / "secrets" / "operator-admin.token", operator_token + "\n", true);

  for (const char* lang : {"zh-CN", "en"}) {
    std::string name = std::string("agreement.") + lang + ".md";
    std::ifstream in(o.assets_dir / "agreement" / name, std::ios::binary);
    if (!in)
      throw std::runtime_error("cannot read " + (o.assets_dir / "agreement" / name).string());
    std::string text((std::istreambuf_iterator<char>(in)), {});
    write_new(d / "agreement" / name, text, false);
  }

  // The demo instance's names, as a Chinese CA would write them (the catalogue's zh-CN).
  const Text demo_name = service_text("demo.service_name");
  nlohmann::json config = {
      {"listen", o.listen},
      {"database", "server.db"},
      {"service_name", {{"zh-CN", demo_name.zh}, {"en", demo_name.en}}},
      {"tls",
       {{"certificate", "tls/server.crt"},
        {"private_key", "tls/server.key"},
        {"trust", "tls/root.crt"}}},
      {"issuer", issuer},
      {"secrets", {{"capability_key", "secrets/capability.key"}}},
      {"crl",
       {{"url", o.crl_url.empty() ? "https://" + o.listen + "/crl/ca.crl" : o.crl_url},
        {"file", "crl/ca.crl"},
        {"validity_hours", 168},
        {"refresh_before_hours", 24}}},
      {"agreement",
       {{"version", "2026.1"},
        {"files",
         {{"zh-CN", "agreement/agreement.zh-CN.md"}, {"en", "agreement/agreement.en.md"}}}}},
      {"fees",
       {{"periods_months", {12, 24, 36}},
        {"price_per_year_fen", 10000},
        {"delivery", "cash_on_delivery"},
        {"invoice_type", "plain_fixed"}}},
      {"bank_account",
       {{"company", service_text("demo.bank_company").zh},
        {"account", "6222 0000 0000 0000 000"},
        {"bank", service_text("demo.bank").zh}}},
      {"policy",
       {{"auto_approve", o.auto_approve},
        {"allow_key_reuse", false},
        {"renewal_window_days", 90},
        {"max_clock_skew_seconds", 600},
        {"allowed_key_types", {"rsa", "ec_p256", "sm2"}},
        {"min_rsa_bits", 2048},
        {"max_applications_per_certificate_per_day", 5},
        {"capability_valid_after_end_seconds", 30 * 86400},
        {"revoke_superseded", "on_install"}}},
      {"operators", {{{"name", "admin"}, {"token_sha256", sha256_hex(operator_token)}}}},
      {"kmc",
       {{"master_key_file", "secrets/kmc-master.key"}, {"dual_certificates", "when-present"}}},
  };
  if (o.demo) {
    config["demo"] = true;
    config["payments"] = {{"gateway", "sandbox"}, {"sandbox_key", "secrets/gateway.key"}};
  } else {
    config["payments"] = {{"gateway", "none"}};
  }
  write_new(d / "config.json", config.dump(2) + "\n", false);
  return {d / "config.json", d / "tls" / "root.crt", d / "secrets" / "operator-admin.token"};
}

}  // namespace certrenew::server
