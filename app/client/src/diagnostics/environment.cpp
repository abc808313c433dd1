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

#include "certrenew/core/version.hpp"

#if !defined(_WIN32)
#include <sys/utsname.h>
#endif

namespace certrenew::client::diagnostics {

namespace fs = std::filesystem;

namespace {

EnvironmentEntry fact(std::string key, std::string en, std::string zh, std::string value) {
  return {std::move(key), {std::move(en), std::move(zh)}, std::move(value)};
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

std::string source_description(ConfigSource source) {
  switch (source) {
    case ConfigSource::explicit_file:
      return "given on the command line";
    case ConfigSource::portable:
      return "portable: beside the program";
    case ConfigSource::user:
      return "the user's config folder";
  }
  return "";
}

std::string source_description_zh(ConfigSource source) {
  switch (source) {
    case ConfigSource::explicit_file:
      return "命令行指定";
    case ConfigSource::portable:
      return "便携模式：程序所在目录";
    case ConfigSource::user:
      return "用户配置目录";
  }
  return "";
}

Check environment_check(std::string id, Status status, Text title, Text sentence,
                        nlohmann::json details) {
  return {Area::environment, std::move(id),       status,
          std::move(title),  std::move(sentence), std::move(details)};
}

}  // namespace

ConfigurationResult load_configuration(const RuntimeLocation& where) {
  const Text title{"Configuration", "配置"};
  nlohmann::json details = {{"file", where.config_file.string()},
                            {"source", code(where.config_source)}};
  if (where.config_file.empty()) {
    return {
        std::nullopt,
        environment_check(
            "config", Status::red, title,
            {"There is no place for a configuration: the environment names no home folder "
             "and the program is not portable. Set HOME (or APPDATA), or put certrenew.portable "
             "and config.json beside the program.",
             "没有可用的配置位置：环境中没有用户主目录，程序也不是便携模式。请设置 HOME"
             "（或 APPDATA），或在程序旁放置 certrenew.portable 和 config.json。"},
            details)};
  }
  std::error_code ec;
  if (!fs::exists(where.config_file, ec)) {
    return {std::nullopt,
            environment_check(
                "config", Status::red, title,
                {fmt::format("No configuration at {}: the client does not know the renewal "
                             "service. Put the config.json the CA provides there.",
                             where.config_file.string()),
                 fmt::format("{} 处没有配置文件：客户端不知道续期服务地址。请将 CA 提供的 "
                             "config.json 放在该处。",
                             where.config_file.string())},
                details)};
  }
  try {
    ClientConfig config = ClientConfig::load(where.config_file);
    details["service_url"] = config.service_url;
    details["language"] = tag(config.language);
    return {std::move(config),
            environment_check("config", Status::green, title,
                              {fmt::format("Read from {} ({}).", where.config_file.string(),
                                           source_description(where.config_source)),
                               fmt::format("读取自 {}（{}）。", where.config_file.string(),
                                           source_description_zh(where.config_source))},
                              details)};
  } catch (const ConfigError& e) {
    details["key"] = e.key();
    details["error"] = e.what();
    return {std::nullopt,
            environment_check(
                "config", Status::red, title,
                {fmt::format("The configuration cannot be used: {}. Correct it (or replace it with "
                             "the CA's config.json).",
                             e.what()),
                 fmt::format("配置文件无法使用：{}。请更正（或换成 CA 提供的 config.json）。",
                             e.message_zh())},
                details)};
  }
}

std::vector<EnvironmentEntry> collect_environment(const RuntimeLocation& where,
                                                  const std::vector<fs::path>& driver_dirs) {
  std::vector<EnvironmentEntry> facts;
  facts.push_back(fact("os", "Operating system", "操作系统", operating_system()));
  facts.push_back(fact("arch", "Processor architecture (program)", "处理器架构（程序）",
                       std::string(compiled_architecture())));
  facts.push_back(
      fact("app_version", "CertRenew version", "CertRenew 版本", std::string(version())));
  facts.push_back(fact("build", "Build", "构建", build_description()));
  facts.push_back(fact("openssl", "OpenSSL", "OpenSSL", OpenSSL_version(OPENSSL_VERSION)));
  facts.push_back(fact("libcurl", "libcurl", "libcurl", curl_version()));
  // Not archive_version_details(): libarchive 3.6 leaks a buffer on every call of it. The bundle
  // is gzip, so zlib is the library that matters beside it.
  const char* zlib = archive_zlib_version();
  facts.push_back(fact("libarchive", "libarchive", "libarchive",
                       std::string(archive_version_string()) +
                           (zlib ? std::string(", zlib ") + zlib : std::string())));
  facts.push_back(
      fact("spdlog", "spdlog", "spdlog",
           fmt::format("{}.{}.{}", SPDLOG_VER_MAJOR, SPDLOG_VER_MINOR, SPDLOG_VER_PATCH)));
  facts.push_back(fact("locale", "Locale", "区域设置", locale_description()));
  facts.push_back(fact("time_zone", "Time zone", "时区", time_zone_description()));
  facts.push_back(fact("config_file", "Configuration file", "配置文件",
                       where.config_file.empty() ? "(none)" : where.config_file.string()));
  facts.push_back(fact("config_source", "Configuration read from", "配置来源",
                       std::string(code(where.config_source)) + " (" +
                           source_description(where.config_source) + ")"));
  facts.push_back(fact("data_dir", "Data folder", "数据目录",
                       where.data_dir.empty() ? "(none)" : where.data_dir.string()));
  facts.push_back(fact("data_source", "Data folder chosen by", "数据目录来源",
                       std::string(code(where.data_source))));
  std::string dirs;
  for (const fs::path& dir : driver_dirs) dirs += (dirs.empty() ? "" : ", ") + dir.string();
  facts.push_back(
      fact("driver_path", "Driver search path", "驱动搜索路径", dirs.empty() ? "(none)" : dirs));
  return facts;
}

Check data_dir_check(const fs::path& data_dir) {
  const Text title{"Data folder", "数据目录"};
  const nlohmann::json details = {{"path", data_dir.string()}};
  std::error_code ec;
  if (data_dir.empty()) {
    return environment_check("data_dir", Status::red, title,
                             {"There is no data folder: the environment names no home folder. "
                              "Set HOME (or APPDATA), or run the portable edition.",
                              "没有数据目录：环境中没有用户主目录。请设置 HOME（或 APPDATA），"
                              "或使用便携版。"},
                             details);
  }
  if (!fs::exists(data_dir, ec)) {
    return environment_check(
        "data_dir", Status::amber, title,
        {fmt::format("{} does not exist yet: nothing was stored on this computer so far. It is "
                     "created at the first application.",
                     data_dir.string()),
         fmt::format("{} 尚不存在：本机尚未保存任何数据，首次申请时会创建。", data_dir.string())},
        details);
  }
  if (!fs::is_directory(data_dir, ec)) {
    return environment_check(
        "data_dir", Status::red, title,
        {fmt::format("{} exists but is not a folder: the client cannot keep its applications or "
                     "its log. Move the file away.",
                     data_dir.string()),
         fmt::format("{} 存在但不是目录：客户端无法保存申请和日志。请移走该文件。",
                     data_dir.string())},
        details);
  }
  return environment_check("data_dir", Status::green, title,
                           {fmt::format("{} is in place.", data_dir.string()),
                            fmt::format("{} 正常。", data_dir.string())},
                           details);
}

}  // namespace certrenew::client::diagnostics
