#include "driver_config.hpp"

#include <certrenew/driver_kit/json_config.hpp>

#include <algorithm>
#include <charconv>
#include <string>

#include "bridge_error.hpp"

namespace certrenew::pkcs11 {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using kit::JsonConfig;

// A mechanism or key type number: a JSON integer or a "0x..." string (vendor documentation
// writes them in hex).
unsigned long number_value(const JsonConfig& config, const json& value, const std::string& field) {
  if (value.is_number_unsigned()) return value.get<unsigned long>();
  if (value.is_string()) {
    const std::string text = value.get<std::string>();
    if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
      unsigned long parsed = 0;
      const char* begin = text.data() + 2;
      const char* end = text.data() + text.size();
      const auto [stop, error] = std::from_chars(begin, end, parsed, 16);
      if (error == std::errc() && stop == end) return parsed;
    }
  }
  config.error("\"" + field + "\" must be a number or a \"0x...\" hexadecimal string");
}

Sm2Config parse_sm2(const JsonConfig& config, const json& value) {
  if (!value.is_object()) config.error("\"sm2\" must be an object");
  config.only_keys(value, {"sign_mechanism", "keygen_mechanism", "key_type"}, " in \"sm2\"");
  Sm2Config sm2;
  const json* sign = JsonConfig::member(value, "sign_mechanism");
  if (sign == nullptr) config.error("\"sm2\" needs \"sign_mechanism\"");
  sm2.sign_mechanism = number_value(config, *sign, "sm2.sign_mechanism");
  if (const json* gen = JsonConfig::member(value, "keygen_mechanism"))
    sm2.keygen_mechanism = number_value(config, *gen, "sm2.keygen_mechanism");
  if (const json* type = JsonConfig::member(value, "key_type"))
    sm2.key_type = number_value(config, *type, "sm2.key_type");
  return sm2;
}

}  // namespace

DriverConfig parse_driver_config(const char* json_text) {
  const JsonConfig doc(json_text, "pkcs11");
  doc.only_keys(doc.doc(), {"modules", "tokens", "sm2"});
  DriverConfig config;
  for (std::string& path : doc.strings("modules", "PKCS#11 module path strings"))
    config.modules.emplace_back(std::move(path));
  for (const std::string& uri : doc.strings("tokens", "pkcs11: URI strings", false))
    config.tokens.emplace_back(uri);
  // A URI that names its module loads that module too.
  for (const TokenSelector& selector : config.tokens) {
    const auto& path = selector.module_path();
    if (path &&
        std::find(config.modules.begin(), config.modules.end(), *path) == config.modules.end())
      config.modules.push_back(*path);
  }
  if (const json* sm2 = doc.find("sm2")) config.sm2 = parse_sm2(doc, *sm2);
  return config;
}

}  // namespace certrenew::pkcs11
