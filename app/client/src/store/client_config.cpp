#include "certrenew/client/store/client_config.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <iterator>
#include <system_error>

#include <fmt/format.h>

#include "certrenew/client/catalogues.hpp"
#include "certrenew/client/format_text.hpp"
#include "certrenew/client/store/atomic_file.hpp"

namespace certrenew::client {

namespace {

namespace fs = std::filesystem;

constexpr std::array<std::string_view, 7> kKnownKeys{
    "service_url", "trust", "issuer_ca", "plugin_dirs", "drivers", "language", "retire_policy"};
// A configuration file is small; a bigger file is a mistake and is not read into memory.
constexpr std::uintmax_t kMaxConfigFileSize = 1 << 20;

// problem: an id of the config_problems catalogue; args fill its {}.
template <class... Args>
Text problem_text(std::string_view problem, const Args&... args) {
  return format_text(catalogues::config_problems().at(problem), args...);
}

// A problem framed by "key" or "file": the frame's {0} is `where`, its {1} the problem in the
// same language.
Text framed(std::string_view frame, const std::string& where, const Text& problem) {
  const CatalogueEntry& entry = catalogues::config_problems().at(frame);
  return {fmt::format(fmt::runtime(entry.zh), where, problem.zh),
          fmt::format(fmt::runtime(entry.en), where, problem.en)};
}

[[noreturn]] void bad_config_key(const std::string& key, std::string_view problem) {
  throw ConfigError(key, framed("key", key, problem_text(problem)));
}

std::string string_value(const nlohmann::json& value, const std::string& key) {
  if (!value.is_string()) bad_config_key(key, "must_be_string");
  return value.get<std::string>();
}

template <class... Args>
[[noreturn]] void bad_file(const fs::path& file, std::string_view problem, const Args&... args) {
  throw ConfigError("", framed("file", file.string(), problem_text(problem, args...)));
}

// `prefix` is lower case.
bool starts_with_no_case(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), text.begin(), [](char lower, char c) {
           return std::tolower(static_cast<unsigned char>(c)) == lower;
         });
}

// Only checks what keeps the client from ever talking to the service in clear text; libcurl
// reports anything else wrong with the URL when it is used.
void check_service_url(const std::string& url) {
  constexpr std::string_view scheme = "https://";
  if (!starts_with_no_case(url, scheme)) bad_config_key("service_url", "url.not_https");
  const std::string_view rest = std::string_view(url).substr(scheme.size());
  if (rest.empty() || rest.front() == '/') bad_config_key("service_url", "url.no_host");
  for (const char c : url) {
    if (std::isspace(static_cast<unsigned char>(c)) ||
        std::iscntrl(static_cast<unsigned char>(c))) {
      bad_config_key("service_url", "url.white_space");
    }
  }
}

}  // namespace

std::string_view code(RetirePolicy policy) {
  return policy == RetirePolicy::remove ? "delete" : "keep";
}

ClientConfig ClientConfig::from_json(const nlohmann::json& json) {
  if (!json.is_object()) throw ConfigError("", problem_text("not_an_object"));
  for (const auto& [key, value] : json.items()) {
    if (std::find(kKnownKeys.begin(), kKnownKeys.end(), key) == kKnownKeys.end()) {
      bad_config_key(key, "unknown_key");
    }
  }
  ClientConfig config;

  const auto url = json.find("service_url");
  if (url == json.end()) bad_config_key("service_url", "missing");
  config.service_url = string_value(*url, "service_url");
  check_service_url(config.service_url);

  if (const auto trust = json.find("trust"); trust != json.end()) {
    config.trust = string_value(*trust, "trust");
  }
  if (const auto issuer = json.find("issuer_ca"); issuer != json.end()) {
    config.issuer_ca = string_value(*issuer, "issuer_ca");
  }

  if (const auto dirs = json.find("plugin_dirs"); dirs != json.end()) {
    if (!dirs->is_array()) bad_config_key("plugin_dirs", "folder_list");
    for (const nlohmann::json& dir : *dirs) {
      if (!dir.is_string() || dir.get<std::string>().empty()) {
        bad_config_key("plugin_dirs", "folder_list");
      }
      config.plugin_dirs.emplace_back(dir.get<std::string>());
    }
  }

  if (const auto drivers = json.find("drivers"); drivers != json.end()) {
    if (!drivers->is_object()) bad_config_key("drivers", "drivers");
    for (const auto& [name, settings] : drivers->items()) {
      if (!settings.is_object()) bad_config_key("drivers." + name, "must_be_object");
      config.drivers.emplace(name, settings);
    }
  }

  if (const auto language = json.find("language"); language != json.end()) {
    const std::string text = string_value(*language, "language");
    if (const auto parsed = parse_language(text)) {
      config.language = *parsed;
    } else {
      bad_config_key("language", "language");
    }
  }

  if (const auto retire = json.find("retire_policy"); retire != json.end()) {
    const std::string text = string_value(*retire, "retire_policy");
    if (text == "keep") {
      config.retire_policy = RetirePolicy::keep;
    } else if (text == "delete") {
      config.retire_policy = RetirePolicy::remove;
    } else {
      bad_config_key("retire_policy", "retire_policy");
    }
  }
  return config;
}

nlohmann::json ClientConfig::to_json() const {
  nlohmann::json json = {
      {"service_url", service_url},
      {"language", tag(language)},
      {"retire_policy", code(retire_policy)},
  };
  if (!trust.empty()) json["trust"] = trust.string();
  if (!issuer_ca.empty()) json["issuer_ca"] = issuer_ca.string();
  nlohmann::json dirs = nlohmann::json::array();
  for (const fs::path& dir : plugin_dirs) dirs.push_back(dir.string());
  json["plugin_dirs"] = std::move(dirs);
  nlohmann::json driver_settings = nlohmann::json::object();
  for (const auto& [name, settings] : drivers) driver_settings[name] = settings;
  json["drivers"] = std::move(driver_settings);
  return json;
}

ClientConfig ClientConfig::load(const fs::path& file) {
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  std::error_code missing;
  if (ec && !fs::exists(file, missing)) bad_file(file, "file.missing");
  if (ec) bad_file(file, "file.unreadable", ec.message());
  if (size > kMaxConfigFileSize) bad_file(file, "file.too_large");
  std::ifstream in(file, std::ios::binary);
  if (!in) bad_file(file, "file.cannot_open");
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) bad_file(file, "file.read_error");
  const nlohmann::json json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) bad_file(file, "file.not_json");
  try {
    return from_json(json);
  } catch (const ConfigError& e) {
    throw ConfigError(e.key(), framed("file", file.string(), Text{e.message_zh(), e.what()}));
  }
}

void ClientConfig::save(const fs::path& file) const {
  const nlohmann::json json = to_json();
  (void)from_json(json);  // never write a file that load() would refuse
  write_file_atomically(file, json.dump(2) + "\n");
}

}  // namespace certrenew::client
