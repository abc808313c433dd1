#include "demo_customer.hpp"

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "certrenew/core/secure_buffer.hpp"
#include "certrenew/core/token/plugin_host.hpp"
#include "certrenew/core/token/session.hpp"
#include "certrenew/core/token/token_context.hpp"
#include "certrenew/softtoken/store.hpp"

namespace certrenew::server {

DemoCustomer enroll_softtoken_customer(const std::filesystem::path& tokens_root,
                                       const CertificateAuthority& ca, const std::string& pin_text,
                                       const CustomerEnrollment& enrollment) {
  DemoCustomer customer;
  customer.tokens_root = tokens_root;
  SecureBuffer pin(pin_text);
  softtoken::TokenOptions options;
  options.label = enrollment.token_label;
  options.cost = enrollment.pin_cost;
  // A fresh folder per token: create_token refuses to overwrite one.
  std::filesystem::path folder = tokens_root / "token";
  for (int i = 2; std::filesystem::exists(folder); ++i)
    folder = tokens_root / ("token-" + std::to_string(i));
  customer.token_serial = softtoken::create_token(folder, options, pin.bytes());

  token::PluginHost host;
  std::optional<token::Driver> driver;
  if (enrollment.driver_file.empty()) {
    host = token::PluginHost::discover();
    driver = host.find("softtoken");
  } else if (auto loaded = host.load_file(enrollment.driver_file);
             std::holds_alternative<token::Driver>(loaded)) {
    driver = std::get<token::Driver>(loaded);
  }
  if (!driver)
    throw std::runtime_error("the softtoken driver was not found in the plugin search path");
  auto context = driver->open(nlohmann::json{{"root", tokens_root.string()}}.dump());
  token::Session session = context.open_session(customer.token_serial);
  session.login(pin);
  token::GeneratedKey key =
      session.generate_key(enrollment.key_type, enrollment.key_bits, "胡某 签名密钥");

  const unsigned char* p = key.spki.data();
  PkeyPtr public_key(d2i_PUBKEY(nullptr, &p, static_cast<long>(key.spki.size())));
  if (!public_key) throw std::runtime_error("the token returned an unreadable public key");
  CertificateAuthority::EndEntityProfile profile;
  profile.subject = {{"C", "CN"}, {"O", "广州某某贸易有限公司（演示）"}, {"CN", "胡某"}};
  profile.subject_alt_name = "email:hu.demo@example.cn";
  auto now = Clock::now();
  auto der = ca.issue_end_entity(public_key.get(), profile,
                                 enrollment.not_before.value_or(now - std::chrono::days(345)),
                                 enrollment.not_after.value_or(now + std::chrono::days(20)));
  session.write_certificate(key.id, "胡某", der);
  session.logout();
  customer.subject = "CN=胡某, O=广州某某贸易有限公司（演示）, C=CN";
  return customer;
}

DemoCustomer create_demo_customer(const std::filesystem::path& dir, const CertificateAuthority& ca,
                                  const std::string& pin) {
  return enroll_softtoken_customer(dir / "demo" / "softtokens", ca, pin);
}

}  // namespace certrenew::server
