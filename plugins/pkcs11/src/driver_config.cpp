#include "driver_config.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <string>

#include "bridge_error.hpp"

namespace certrenew::pkcs11 {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

[[noreturn]] void config_error(const std::string& problem) {
  fail(CRT_ERR_CONFIG, "pkcs11 configuration: " + problem);
}

void only_keys(const json& object, std::initializer_list<const char*> allowed,
               const std::string& where) {
  for (const auto& [key, value] : object.items()) {
    if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; })) {
      std::string known;
      for (const char* a : allowed) known += (known.empty() ? "" : ", ") + std::string(a);
      config_error("unknown key \"" + key + "\"" + where + " (known: " + known + ")");
    }
  }
}

// A mechanism or key type number: a JSON integer or a "0x..." string (vendor documentation
// writes them in hex).
unsigned long number_value(const json& value, const std::string& field) {
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
  config_error("\"" + field + "\" must be a number or a \"0x...\" hexadecimal string");
}

Sm2Config parse_sm2(const json& value) {
  if (!value.is_object()) config_error("\"sm2\" must be an object");
  only_keys(value, {"sign_mechanism", "keygen_mechanism", "key_type"}, " in \"sm2\"");
  Sm2Config sm2;
  const auto sign = value.find("sign_mechanism");
  if (sign == value.end()) config_error("\"sm2\" needs \"sign_mechanism\"");
  sm2.sign_mechanism = number_value(*sign, "sm2.sign_mechanism");
  if (const auto gen = value.find("keygen_mechanism"); gen != value.end())
    sm2.keygen_mechanism = number_value(*gen, "sm2.keygen_mechanism");
  if (const auto type = value.find("key_type"); type != value.end())
    sm2.key_type = number_value(*type, "sm2.key_type");
  return sm2;
}

}  // namespace

DriverConfig parse_driver_config(const char* json_text) {
  DriverConfig config;
  if (json_text == nullptr || *json_text == '\0') return config;
  const json doc = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) config_error("not valid JSON");
  if (!doc.is_object()) config_error("must be a JSON object");
  only_keys(doc, {"modules", "tokens", "sm2"}, "");

  if (const auto modules = doc.find("modules"); modules != doc.end()) {
    if (!modules->is_array()) config_error("\"modules\" must be an array of PKCS#11 module paths");
    for (const json& entry : *modules) {
      if (!entry.is_string() || entry.get<std::string>().empty())
        config_error("\"modules\" entries must be non-empty path strings");
      config.modules.emplace_back(entry.get<std::string>());
    }
  }
  if (const auto tokens = doc.find("tokens"); tokens != doc.end()) {
    if (!tokens->is_array()) config_error("\"tokens\" must be an array of pkcs11: URIs");
    for (const json& entry : *tokens) {
      if (!entry.is_string()) config_error("\"tokens\" entries must be pkcs11: URI strings");
      config.tokens.emplace_back(entry.get<std::string>());
    }
  }
  // A URI that names its module loads that module too.
  for (const TokenSelector& selector : config.tokens) {
    const auto& path = selector.module_path();
    if (path &&
        std::find(config.modules.begin(), config.modules.end(), *path) == config.modules.end())
      config.modules.push_back(*path);
  }
  if (const auto sm2 = doc.find("sm2"); sm2 != doc.end()) config.sm2 = parse_sm2(*sm2);
  return config;
}

}  // namespace certrenew::pkcs11
