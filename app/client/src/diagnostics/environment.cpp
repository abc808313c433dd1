#include "certrenew/client/diagnostics/environment.hpp"

#include <archive.h>
#include <curl/curl.h>
#include <fmt/format.h>
#include <openssl/crypto.h>
#include <spdlog/version.h>

#include <clocale>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <tuple>

#include "certrenew/core/version.hpp"
#include "diagnostics/wording.hpp"

#if !defined(_WIN32)
#include <sys/utsname.h>
#endif

namespace certrenew::client::diagnostics {

namespace fs = std::filesystem;

namespace {

// A fact labelled by the catalogue's "fact.<key>" (or by the library's own name).
EnvironmentEntry fact(std::string key, std::string value) {
  Text label = report_text("fact." + key);
  return {std::move(key), std::move(label), std::move(value)};
}
// A library's version, labelled by its own name in both languages.
EnvironmentEntry library_fact(std::string key, const std::string& name, std::string value) {
  return {std::move(key), {name, name}, std::move(value)};
}

std::string env_or_empty(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

// PRETTY_NAME from /etc/os-release, when the system has one (most Linux distributions).
std::string os_release_name() {
  std::ifstream in("/etc/os-release");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("PRETTY_NAME=", 0) != 0) continue;
    std::string value = line.substr(12);
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'')) {
      value = value.substr(1, value.size() - 2);
    }
    return value;
  }
  return {};
}

std::string operating_system() {
  std::string os;
#if defined(_WIN32)
  os = "Windows";
#else
  // ---- POSIX-only: uname. ----
  utsname u{};
  if (::uname(&u) == 0) os = std::string(u.sysname) + " " + u.release + " " + u.machine;
#endif
  const std::string distribution = os_release_name();
  if (!distribution.empty())
    os += (os.empty() ? "" : " (") + distribution + (os.empty() ? "" : ")");
  return os.empty() ? "unknown" : os;
}

std::string_view compiled_architecture() {
#if defined(__x86_64__) || defined(_M_X64)
  return "x86_64";
#elif defined(__aarch64__) || defined(_M_ARM64)
  return "aarch64";
#elif defined(__loongarch64)
  return "loongarch64";
#elif defined(__mips64)
  return "mips64";
#elif defined(__riscv)
  return "riscv";
#elif defined(__i386__) || defined(_M_IX86)
  return "x86";
#elif defined(__arm__)
  return "arm";
#else
  return "unknown";
#endif
}

std::string build_description() {
  std::string compiler;
#if defined(__clang__)
  compiler = "clang " __clang_version__;
#elif defined(__GNUC__)
  compiler = "gcc " __VERSION__;
#elif defined(_MSC_VER)
  compiler = "msvc " + std::to_string(_MSC_VER);
#endif
#if defined(NDEBUG)
  std::string type = "optimised";
#else
  std::string type = "debug";
#endif
#if defined(__SANITIZE_ADDRESS__)
  type += ", address sanitizer";
#endif
  return fmt::format("{} bit, {}, {}", sizeof(void*) * 8, type, compiler);
}

std::string locale_description() {
  const char* process = std::setlocale(LC_ALL, nullptr);
  std::string out = fmt::format("process {}", process ? process : "?");
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"}) {
    const std::string value = env_or_empty(name);
    if (!value.empty()) out += fmt::format(", {}={}", name, value);
  }
  return out;
}

std::string time_zone_description() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
#if defined(_WIN32)
  localtime_s(&local, &now);
#else
  localtime_r(&now, &local);
#endif
  char buffer[64] = {};
  std::strftime(buffer, sizeof buffer, "%Z, UTC%z", &local);
  std::string out = buffer;
  const std::string tz = env_or_empty("TZ");
  if (!tz.empty()) out += ", TZ=" + tz;
  return out;
}

// Where the configuration was found, as people read it.
Text source_description(ConfigSource source) {
  return report_text("config_source." + std::string(code(source)));
}

// A check titled by the catalogue's "<id>.title".
Check environment_check(std::string id, Status status, Text sentence, nlohmann::json details) {
  Text title = report_text(id + ".title");
  return {Area::environment, std::move(id),       status,
          std::move(title),  std::move(sentence), std::move(details)};
}

}  // namespace

ConfigurationResult load_configuration(const RuntimeLocation& where) {
  nlohmann::json details = {{"file", where.config_file.string()},
                            {"source", code(where.config_source)}};
  if (where.config_file.empty()) {
    return {std::nullopt,
            environment_check("config", Status::red, report_text("config.no_location"), details)};
  }
  std::error_code ec;
  if (!fs::exists(where.config_file, ec)) {
    return {std::nullopt,
            environment_check("config", Status::red,
                              report_text("config.missing", where.config_file.string()), details)};
  }
  try {
    ClientConfig config = ClientConfig::load(where.config_file);
    details["service_url"] = config.service_url;
    details["language"] = tag(config.language);
    return {std::move(config),
            environment_check(
                "config", Status::green,
                format_text_in_words(catalogues::diagnostics_report().at("config.read"),
                                     [&](Language language) {
                                       return std::tuple(
                                           where.config_file.string(),
                                           source_description(where.config_source).in(language));
                                     }),
                details)};
  } catch (const ConfigError& e) {
    details["key"] = e.key();
    details["error"] = e.what();
    return {std::nullopt,
            environment_check(
                "config", Status::red,
                format_text_in_words(catalogues::diagnostics_report().at("config.unusable"),
                                     [&](Language language) {
                                       return std::tuple(language == Language::en
                                                             ? std::string(e.what())
                                                             : e.message_zh());
                                     }),
                details)};
  }
}

std::vector<EnvironmentEntry> collect_environment(const RuntimeLocation& where,
                                                  const std::vector<fs::path>& driver_dirs) {
  std::vector<EnvironmentEntry> facts;
  facts.push_back(fact("os", operating_system()));
  facts.push_back(fact("arch", std::string(compiled_architecture())));
  facts.push_back(fact("app_version", std::string(version())));
  facts.push_back(fact("build", build_description()));
  facts.push_back(library_fact("openssl", "OpenSSL", OpenSSL_version(OPENSSL_VERSION)));
  facts.push_back(library_fact("libcurl", "libcurl", curl_version()));
  // Not archive_version_details(): libarchive 3.6 leaks a buffer on every call of it. The bundle
  // is gzip, so zlib is the library that matters beside it.
  const char* zlib = archive_zlib_version();
  facts.push_back(library_fact("libarchive", "libarchive",
                               std::string(archive_version_string()) +
                                   (zlib ? std::string(", zlib ") + zlib : std::string())));
  facts.push_back(
      library_fact("spdlog", "spdlog",
                   fmt::format("{}.{}.{}", SPDLOG_VER_MAJOR, SPDLOG_VER_MINOR, SPDLOG_VER_PATCH)));
  facts.push_back(fact("locale", locale_description()));
  facts.push_back(fact("time_zone", time_zone_description()));
  facts.push_back(
      fact("config_file", where.config_file.empty() ? "(none)" : where.config_file.string()));
  facts.push_back(fact("config_source", std::string(code(where.config_source)) + " (" +
                                            source_description(where.config_source).en + ")"));
  facts.push_back(fact("data_dir", where.data_dir.empty() ? "(none)" : where.data_dir.string()));
  facts.push_back(fact("data_source", std::string(code(where.data_source))));
  std::string dirs;
  for (const fs::path& dir : driver_dirs) dirs += (dirs.empty() ? "" : ", ") + dir.string();
  facts.push_back(fact("driver_path", dirs.empty() ? "(none)" : dirs));
  return facts;
}

Check data_dir_check(const fs::path& data_dir) {
  const nlohmann::json details = {{"path", data_dir.string()}};
  std::error_code ec;
  if (data_dir.empty()) {
    return environment_check("data_dir", Status::red, report_text("data_dir.no_home"), details);
  }
  if (!fs::exists(data_dir, ec)) {
    return environment_check("data_dir", Status::amber,
                             report_text("data_dir.not_yet", data_dir.string()), details);
  }
  if (!fs::is_directory(data_dir, ec)) {
    return environment_check("data_dir", Status::red,
                             report_text("data_dir.not_a_folder", data_dir.string()), details);
  }
  return environment_check("data_dir", Status::green, report_text("data_dir.ok", data_dir.string()),
                           details);
}

}  // namespace certrenew::client::diagnostics
