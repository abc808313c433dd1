#include "issuers/builtin/hsm_ca_key.hpp"

#include <sys/stat.h>

#include <filesystem>
#include <stdexcept>
#include <variant>

#include <nlohmann/json.hpp>

#include "certrenew/core/bytes.hpp"
#include "certrenew/core/pin_input.hpp"
#include "certrenew/core/token/plugin_host.hpp"
#include "certrenew/core/token/plugin_paths.hpp"
#include "certrenew/core/token/session.hpp"
#include "certrenew/core/token/token_context.hpp"
#include "certrenew/core/token/token_error.hpp"
#include "certrenew/core/token/token_signer.hpp"

namespace certrenew::server {

namespace fs = std::filesystem;

struct HsmCaKey::State {
  token::Driver driver;
  token::TokenContext context;
  std::string token_id;
  token::Session session;
};

namespace {

token::Driver load_driver(const HsmKeyConfig& config) {
  token::PluginHost host;
  if (!config.driver.empty()) {
    auto loaded = host.load_file(config.driver);
    if (auto* rejected = std::get_if<token::Rejection>(&loaded))
      throw std::runtime_error("issuer.driver: " + rejected->describe());
    return std::get<token::Driver>(loaded);
  }
  host.scan(token::default_search_path());
  if (auto driver = host.find("pkcs11")) return *driver;
  std::string why;
  for (const auto& r : host.rejections()) why += "; " + r.describe();
  throw std::runtime_error(
      "issuer: no pkcs11 token driver in the plugin search path (<exe dir>/plugins, "
      "CERTRENEW_PLUGIN_PATH); set issuer.driver" +
      why);
}

// The driver, a context for the one token the URI selects, a session logged in.
std::shared_ptr<HsmCaKey::State> open_session(const HsmKeyConfig& config) {
  token::Driver driver = load_driver(config);
  const std::string driver_config =
      nlohmann::json{{"modules", {config.module.string()}}, {"tokens", {config.token}}}.dump();
  try {
    token::TokenContext context = driver.open(driver_config);
    const auto tokens = context.tokens();
    if (tokens.size() != 1)
      throw std::runtime_error("issuer.token: " + config.token + " selects " +
                               std::to_string(tokens.size()) + " tokens; it must select one");
    token::Session session = context.open_session(tokens.front().id);
    SecureBuffer pin = read_hsm_pin(config);
    session.login(pin);  // `pin` is wiped when it goes out of scope
    return std::make_shared<HsmCaKey::State>(
        HsmCaKey::State{driver, context, tokens.front().id, session});
  } catch (const token::TokenError& e) {
    throw std::runtime_error(std::string("issuer (HSM): ") + e.what());
  }
}

}  // namespace

SecureBuffer read_hsm_pin(const HsmKeyConfig& config) {
  if (!config.pin_env.empty()) return pin_from_env(config.pin_env);
  struct stat st {};
  if (::stat(config.pin_file.c_str(), &st) != 0)
    throw std::runtime_error("issuer.pin_file: cannot read " + config.pin_file.string());
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
    throw std::runtime_error("issuer.pin_file: " + config.pin_file.string() +
                             " is readable by others; make it owner-only (chmod 600)");
  return pin_from_file(config.pin_file);
}

HsmCaKey::HsmCaKey(std::shared_ptr<State> state) : state_(std::move(state)) {}

std::shared_ptr<HsmCaKey> HsmCaKey::open(const HsmKeyConfig& config) {
  auto key = std::make_shared<HsmCaKey>(open_session(config));
  try {
    key->signer_ =
        std::make_shared<token::TokenSigner>(key->state_->session, from_hex(config.key_id_hex));
  } catch (const token::TokenError& e) {
    throw std::runtime_error("issuer.key_id " + config.key_id_hex + ": " + e.what());
  }
  return key;
}

HsmCaKey::Generated HsmCaKey::generate(const HsmKeyConfig& config, token::KeyType type,
                                       const std::string& label) {
  auto key = std::make_shared<HsmCaKey>(open_session(config));
  try {
    // RSA: 3072 bits, as the file CA's; the driver narrows to what the token can make.
    const token::GeneratedKey made =
        key->state_->session.generate_key(type, type == token::KeyType::rsa ? 3072 : 0, label);
    key->signer_ = std::make_shared<token::TokenSigner>(key->state_->session, made.id);
    return {to_hex(made.id), key};
  } catch (const token::TokenError& e) {
    throw std::runtime_error(std::string("making the CA key on the HSM: ") + e.what());
  }
}

IssuerHealth HsmCaKey::health() const {
  try {
    const token::TokenInfo info = state_->context.token_info(state_->token_id);
    if (info.pin.locked) return {false, "the HSM token's PIN is locked"};
    return {};
  } catch (const std::exception& e) {
    return {false, std::string("the HSM token does not answer: ") + e.what()};
  }
}

}  // namespace certrenew::server
