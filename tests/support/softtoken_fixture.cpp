#include "softtoken_fixture.hpp"

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <variant>

#include "certrenew/core/token/plugin_host.hpp"
#include "certrenew/softtoken/store.hpp"

namespace certrenew::testing {

std::filesystem::path softtoken_driver_file() {
  return CERTRENEW_SOFTTOKEN_DRIVER;  // set by CMake from $<TARGET_FILE:certrenew-softtoken>
}

SoftToken open_softtoken(const std::filesystem::path& root, const SecureBuffer& pin) {
  softtoken::TokenOptions options;
  options.label = "CertRenew test token";
  options.cost = softtoken::KdfCost::fast;
  const std::string serial = softtoken::create_token(root / "token", options, pin.bytes());

  token::PluginHost host;
  auto loaded = host.load_file(softtoken_driver_file());
  if (const auto* rejected = std::get_if<token::Rejection>(&loaded))
    throw std::runtime_error("softtoken driver refused: " + rejected->describe());
  token::Driver driver = std::get<token::Driver>(loaded);
  // The path goes through nlohmann::json so that quotes or backslashes in it stay valid JSON.
  token::TokenContext context = driver.open(nlohmann::json{{"root", root.string()}}.dump());
  token::Session session = context.open_session(serial);
  return SoftToken{std::move(driver), std::move(context), std::move(session), serial};
}

}  // namespace certrenew::testing
