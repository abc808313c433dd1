#include "driver_config.hpp"
#include "catalogues/skf_texts.hpp"

#include <certrenew/driver_kit/json_config.hpp>

#include <algorithm>

namespace certrenew::skf {

namespace {

bool matches(const std::string& pattern, const std::string& name) {
  if (!pattern.empty() && pattern.back() == '*')
    return name.compare(0, pattern.size() - 1, pattern, 0, pattern.size() - 1) == 0;
  return pattern == name;
}

bool shown(const std::vector<std::string>& patterns, const std::string& name) {
  return patterns.empty() || std::any_of(patterns.begin(), patterns.end(),
                                         [&](const std::string& p) { return matches(p, name); });
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

bool DriverConfig::shows_application(const std::string& name) const {
  return shown(applications, name);
}

bool DriverConfig::shows_container(const std::string& name) const {
  return shown(containers, name);
}

DriverConfig parse_driver_config(const char* json_text) {
  const kit::JsonConfig doc(json_text, "skf");
  doc.only_keys(doc.doc(), {"library", "applications", "containers", "dev_auth_key", "hotplug"});
  DriverConfig config;
  const auto* library = doc.find("library");
  if (library == nullptr) doc.error(say(SkfText::library_needed));
  config.library = doc.text(*library, "library");
  config.applications = doc.strings("applications", "application names");
  config.containers = doc.strings("containers", "container names or name* prefixes");
  if (const auto* key = doc.find("dev_auth_key")) {
    const std::string text = doc.text(*key, "dev_auth_key");
    Secret bytes(text.size() / 2);
    bool ok = text.size() == 32;
    for (std::size_t i = 0; ok && i < bytes.size(); ++i) {
      const int hi = hex_digit(text[2 * i]), lo = hex_digit(text[2 * i + 1]);
      ok = hi >= 0 && lo >= 0;
      if (ok) bytes.data()[i] = static_cast<std::uint8_t>(hi * 16 + lo);
    }
    if (!ok) doc.error("\"dev_auth_key\" must be 32 hexadecimal digits (a 16-byte key)");
    config.dev_auth_key = std::move(bytes);
  }
  if (const auto* hotplug = doc.find("hotplug")) {
    if (!hotplug->is_boolean()) doc.error("\"hotplug\" must be true or false");
    config.hotplug = hotplug->get<bool>();
  }
  return config;
}

}  // namespace certrenew::skf
