#include "driver_config.hpp"

#include <certrenew/driver_kit/json_config.hpp>
#include <certrenew/softtoken/store.hpp>

#include <cstdlib>
#include <string>

namespace certrenew::softtoken {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using kit::JsonConfig;

// A directory path that may not exist yet, but must not be a file.
fs::path directory_value(const JsonConfig& config, const std::string& path,
                         const std::string& field) {
  const fs::path dir(path);
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
    config.error("\"" + field + "\" names " + dir.string() + ", which is not a directory");
  return dir;
}

fs::path env_path(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return {};
  fs::path path(value);
  return path.is_absolute() ? path : fs::path{};  // XDG: relative values are to be ignored
}

}  // namespace

fs::path default_token_root() {
  const fs::path tail = fs::path("certrenew") / "softtokens";
#if defined(_WIN32)
  if (fs::path base = env_path("LOCALAPPDATA"); !base.empty()) return base / tail;
#endif
  if (fs::path base = env_path("XDG_DATA_HOME"); !base.empty()) return base / tail;
  if (fs::path home = env_path("HOME"); !home.empty()) return home / ".local" / "share" / tail;
  return {};
}

DriverConfig parse_driver_config(const char* json_text) {
  const JsonConfig doc(json_text, "softtoken");
  DriverConfig config;
  if (const json* root = doc.find("root"))
    config.roots.push_back(directory_value(doc, doc.text(*root, "root"), "root"));
  for (const std::string& dir : doc.strings("tokens", "directory path strings"))
    config.token_dirs.push_back(directory_value(doc, dir, "tokens[]"));
  if (!doc.has("root") && !doc.has("tokens")) {
    if (fs::path root = default_token_root(); !root.empty()) config.roots.push_back(root);
  }

  if (const json* fault = doc.find("fault")) {
    if (!fault->is_object()) doc.error("\"fault\" must be an object");
    if (const json* n = JsonConfig::member(*fault, "fail_write")) {
      if (!n->is_number_unsigned() || n->get<std::uint64_t>() == 0)
        doc.error("\"fault.fail_write\" must be a positive integer");
      config.fail_write = n->get<std::uint64_t>();
    }
    if (const json* marker = JsonConfig::member(*fault, "removed_marker"))
      config.removed_marker = doc.text(*marker, "fault.removed_marker");
  }
  return config;
}

}  // namespace certrenew::softtoken
