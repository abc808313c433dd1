#include "instance/demo_customer.hpp"

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "certrenew/core/secure_buffer.hpp"
#include "certrenew/core/token/plugin_host.hpp"
#include "certrenew/core/token/session.hpp"
#include "certrenew/core/token/token_context.hpp"
#include "certrenew/softtoken/store.hpp"

namespace certrenew::server {

DemoCustomer create_demo_customer(const std::filesystem::path& dir, const CertificateAuthority& ca,
                                  const std::string& pin_text) {
  DemoCustomer demo;
  demo.tokens_root = dir / "demo" / "softtokens";
  SecureBuffer pin(pin_text);
  softtoken::TokenOptions options;
  options.label = "CertRenew 演示令牌";
  demo.token_serial =
      softtoken::create_token(demo.tokens_root / "demo-token", options, pin.bytes());

  token::PluginHost host = token::PluginHost::discover();
  auto driver = host.find("softtoken");
  if (!driver)
    throw std::runtime_error("the softtoken driver was not found in the plugin search path");
  auto context = driver->open(nlohmann::json{{"root", demo.tokens_root.string()}}.dump());
  token::Session session = context.open_session(demo.token_serial);
  session.login(pin);
  token::GeneratedKey key = session.generate_key(token::KeyType::ec_p256, 0, "胡某 签名密钥");

  const unsigned char* p = key.spki.data();
  PkeyPtr public_key(d2i_PUBKEY(nullptr, &p, static_cast<long>(key.spki.size())));
  if (!public_key) throw std::runtime_error("the token returned an unreadable public key");
  CertificateAuthority::EndEntityProfile profile;
  profile.subject = {{"C", "CN"}, {"O", "广州某某贸易有限公司（演示）"}, {"CN", "胡某"}};
  profile.subject_alt_name = "email:hu.demo@example.cn";
  auto now = Clock::now();
  auto der = ca.issue_end_entity(public_key.get(), profile, now - std::chrono::days(345),
                                 now + std::chrono::days(20));
  session.write_certificate(key.id, "胡某", der);
  session.logout();
  demo.subject = "CN=胡某, O=广州某某贸易有限公司（演示）, C=CN";
  return demo;
}

}  // namespace certrenew::server
