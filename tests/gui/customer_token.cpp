#include "customer_token.hpp"

#include <openssl/x509.h>
#include <nlohmann/json.hpp>

#include <stdexcept>
#include <variant>

#include "ca/authority.hpp"
#include "certrenew/core/secure_buffer.hpp"
#include "certrenew/core/token/plugin_host.hpp"
#include "certrenew/core/token/session.hpp"
#include "certrenew/core/token/token_context.hpp"
#include "certrenew/softtoken/store.hpp"

namespace certrenew::testing {

std::string make_customer_token(const std::filesystem::path& root, const std::string& folder,
                                const std::filesystem::path& ca_dir, const std::string& pin_text,
                                const CustomerTokenOptions& options) {
  const SecureBuffer pin(pin_text);
  softtoken::TokenOptions token_options;
  token_options.label = options.label;
  token_options.cost = softtoken::KdfCost::fast;
  token_options.max_retries = options.max_retries;
  const std::string serial = softtoken::create_token(root / folder, token_options, pin.bytes());

  token::PluginHost host;
  auto loaded = host.load_file(CERTRENEW_SOFTTOKEN_PLUGIN);
  if (const auto* rejected = std::get_if<token::Rejection>(&loaded))
    throw std::runtime_error("softtoken driver refused: " + rejected->describe());
  token::Driver driver = std::get<token::Driver>(loaded);
  token::TokenContext context = driver.open(nlohmann::json{{"root", root.string()}}.dump());
  token::Session session = context.open_session(serial);
  session.login(pin);
  const token::GeneratedKey key =
      session.generate_key(token::KeyType::ec_p256, 0, options.common_name + " 签名密钥");

  const unsigned char* p = key.spki.data();
  server::PkeyPtr public_key(d2i_PUBKEY(nullptr, &p, static_cast<long>(key.spki.size())));
  if (!public_key) throw std::runtime_error("the token returned an unreadable public key");
  const auto ca =
      server::CertificateAuthority::load(ca_dir / "ca" / "ca.crt", ca_dir / "ca" / "ca.key");
  server::CertificateAuthority::EndEntityProfile profile;
  profile.subject = {
      {"C", "CN"}, {"O", "广州某某贸易有限公司（测试）"}, {"CN", options.common_name}};
  profile.subject_alt_name = "email:hu.test@example.cn";
  const auto now = server::Clock::now();
  const auto der = ca.issue_end_entity(public_key.get(), profile, now + options.valid_from,
                                       now + options.valid_until);
  session.write_certificate(key.id, options.common_name, der);
  session.logout();
  return serial;
}

}  // namespace certrenew::testing
