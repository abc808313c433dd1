#include "instance/init.hpp"

#include <boost/dll/runtime_symbol_info.hpp>

#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "certrenew/core/bytes.hpp"
#include "instance/demo_customer.hpp"
#include "service/digest.hpp"

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

  auto ca = CertificateAuthority::create(o.ca_key, "CertRenew Demo CA", "CertRenew Demo",
                                         d / "ca" / "ca.crt", d / "ca" / "ca.key");
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
  write_new(d / "secrets" / "gateway.key", to_hex(random_bytes(32)) + "\n", true);
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

  nlohmann::json config = {
      {"listen", o.listen},
      {"database", "server.db"},
      {"service_name",
       {{"zh-CN", "CertRenew 演示证书续期服务"}, {"en", "CertRenew demo renewal service"}}},
      {"tls",
       {{"certificate", "tls/server.crt"},
        {"private_key", "tls/server.key"},
        {"trust", "tls/root.crt"}}},
      {"ca", {{"certificate", "ca/ca.crt"}, {"private_key", "ca/ca.key"}}},
      {"secrets",
       {{"capability_key", "secrets/capability.key"}, {"gateway_key", "secrets/gateway.key"}}},
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
       {{"company", "CertRenew 演示认证有限公司"},
        {"account", "6222 0000 0000 0000 000"},
        {"bank", "演示银行广州分行"}}},
      {"policy",
       {{"auto_approve", o.auto_approve},
        {"allow_key_reuse", false},
        {"renewal_window_days", 90},
        {"max_clock_skew_seconds", 600},
        {"allowed_key_types", {"rsa", "ec_p256", "sm2"}},
        {"min_rsa_bits", 2048}}},
      {"operators", {{{"name", "admin"}, {"token_sha256", sha256_hex(operator_token)}}}},
  };
  write_new(d / "config.json", config.dump(2) + "\n", false);
  InitResult result{
      d / "config.json", d / "tls" / "root.crt", d / "secrets" / "operator-admin.token", {}, {}};
  if (o.demo) {
    DemoCustomer demo = create_demo_customer(d, ca, o.demo_pin);
    result.demo_tokens = demo.tokens_root;
    result.demo_token_serial = demo.token_serial;
  }
  return result;
}

}  // namespace certrenew::server
