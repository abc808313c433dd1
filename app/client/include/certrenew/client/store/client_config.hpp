#pragma once
// The client's configuration file (JSON). Example:
//   {"service_url": "https://renew.example.cn/api", "trust": "ca.pem", "issuer_ca": "issuer.pem",
//    "plugin_dirs": ["/opt/vendor/plugins"], "drivers": {"acme": {"slot": 0}},
//    "language": "zh-CN", "retire_policy": "keep"}
// Only service_url is required. Unknown keys are refused so that a misspelt key is noticed.

#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "certrenew/core/text/language.hpp"
#include "certrenew/core/text/text.hpp"

namespace certrenew::client {

// The one Language (core/text/language.hpp); client code names it client::Language too.
using certrenew::Language;

// What happens to the old certificate and key on the token once the new one is installed.
enum class RetirePolicy { keep, remove };  // "keep", "delete"

// A configuration that cannot be used, said in both languages. key() names the offending key (""
// when the file as a whole is the problem: missing, unreadable, not JSON).
class ConfigError : public std::runtime_error {
 public:
  ConfigError(std::string key, const std::string& message_en, std::string message_zh)
      : std::runtime_error(message_en), key_(std::move(key)), zh_(std::move(message_zh)) {}
  ConfigError(std::string key, const Text& message)
      : ConfigError(std::move(key), message.en, message.zh) {}
  const std::string& key() const { return key_; }
  const std::string& message_zh() const { return zh_; }

 private:
  std::string key_;
  std::string zh_;
};

struct ClientConfig {
  std::string service_url;                         // https:// only
  std::filesystem::path trust;                     // PEM CA file for the service's TLS; empty:
                                                   // the system's trust store
  std::filesystem::path issuer_ca;                 // PEM CA file that renewed certificates must
                                                   // chain to; empty: pinned at first contact
  std::vector<std::filesystem::path> plugin_dirs;  // searched before the default plugin path
  std::map<std::string, nlohmann::json> drivers;   // driver name -> its own config object
  Language language = Language::zh_CN;
  RetirePolicy retire_policy = RetirePolicy::keep;

  bool operator==(const ClientConfig&) const = default;

  // Throws ConfigError naming the key. Paths are kept as written (relative ones are relative to
  // the config file's folder; the caller resolves them).
  static ClientConfig from_json(const nlohmann::json& json);
  nlohmann::json to_json() const;

  // Throws ConfigError (key "" for file-level problems).
  static ClientConfig load(const std::filesystem::path& file);
  // Checks the config (ConfigError), then replaces the file atomically (owner-only). The folder
  // must exist. Throws std::system_error if the file cannot be written; the old one is intact.
  void save(const std::filesystem::path& file) const;
};

// Transitional for app/gui/src/app (settings.cpp, app.cpp): the language's tag is tag(Language).
inline std::string_view code(Language language) {
  return tag(language);
}
std::string_view code(RetirePolicy policy);

// Name of the marker file that makes an installation portable.
inline constexpr std::string_view kPortableMarker = "certrenew.portable";

}  // namespace certrenew::client
