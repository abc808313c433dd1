#include "driver_config.hpp"

#include <certrenew/softtoken/store.hpp>

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <string>

namespace certrenew::softtoken {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

[[noreturn]] void config_error(const std::string& problem) {
  throw StoreError(CRT_ERR_CONFIG, "softtoken configuration: " + problem);
}

fs::path path_value(const json& value, const std::string& field) {
  if (!value.is_string() || value.get<std::string>().empty())
    config_error("\"" + field + "\" must be a non-empty path string");
  return fs::path(value.get<std::string>());
}

void check_not_a_file(const fs::path& dir, const std::string& field) {
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
    config_error("\"" + field + "\" names " + dir.string() + ", which is not a directory");
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
  DriverConfig config;
  json doc = json::object();
  if (json_text != nullptr && *json_text != '\0') {
    doc = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) config_error("not valid JSON");
    if (!doc.is_object()) config_error("must be a JSON object");
  }

  if (const auto root = doc.find("root"); root != doc.end()) {
    config.roots.push_back(path_value(*root, "root"));
    check_not_a_file(config.roots.back(), "root");
  }
  if (const auto tokens = doc.find("tokens"); tokens != doc.end()) {
    if (!tokens->is_array()) config_error("\"tokens\" must be an array of directory paths");
    for (const json& entry : *tokens) {
      config.token_dirs.push_back(path_value(entry, "tokens[]"));
      check_not_a_file(config.token_dirs.back(), "tokens[]");
    }
  }
  if (doc.find("root") == doc.end() && doc.find("tokens") == doc.end()) {
    if (fs::path root = default_token_root(); !root.empty()) config.roots.push_back(root);
  }

  if (const auto fault = doc.find("fault"); fault != doc.end()) {
    if (!fault->is_object()) config_error("\"fault\" must be an object");
    if (const auto n = fault->find("fail_write"); n != fault->end()) {
      if (!n->is_number_unsigned() || n->get<std::uint64_t>() == 0)
        config_error("\"fault.fail_write\" must be a positive integer");
      config.fail_write = n->get<std::uint64_t>();
    }
    if (const auto marker = fault->find("removed_marker"); marker != fault->end())
      config.removed_marker = path_value(*marker, "fault.removed_marker");
  }
  return config;
}

}  // namespace certrenew::softtoken
