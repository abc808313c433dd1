#include "certrenew/core/token/plugin_paths.hpp"

#include <cstdlib>
#include <string>
#include <system_error>

#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>

namespace certrenew::token {

namespace {

std::filesystem::path env_path(const char* name) {
  const char* value = std::getenv(name);
  return value && *value ? std::filesystem::path(value) : std::filesystem::path();
}

}  // namespace

// The one place that knows each platform's convention for per-user application data.
std::filesystem::path user_plugin_dir() {
#if defined(_WIN32)
  const std::filesystem::path appdata = env_path("APPDATA");
  return appdata.empty() ? appdata : appdata / "CertRenew" / "plugins";
#else
  std::filesystem::path data_home = env_path("XDG_DATA_HOME");
  if (data_home.empty() || !data_home.is_absolute()) {  // XDG: relative values are ignored
    const std::filesystem::path home = env_path("HOME");
    if (home.empty()) return {};
    data_home = home / ".local" / "share";
  }
  return data_home / "certrenew" / "plugins";
#endif
}

std::vector<std::filesystem::path> split_search_path(std::string_view list) {
#if defined(_WIN32)
  constexpr char separator = ';';
#else
  constexpr char separator = ':';
#endif
  std::vector<std::filesystem::path> out;
  while (!list.empty()) {
    const std::size_t end = list.find(separator);
    const std::string_view entry = list.substr(0, end);
    if (!entry.empty()) out.emplace_back(std::string(entry));
    if (end == std::string_view::npos) break;
    list.remove_prefix(end + 1);
  }
  return out;
}

std::filesystem::path shared_library_suffix() {
  return boost::dll::shared_library::suffix();
}

std::vector<std::filesystem::path> default_search_path() {
  std::vector<std::filesystem::path> path;
  std::error_code ec;
  const std::filesystem::path exe = boost::dll::program_location(ec);
  if (!ec && !exe.empty()) path.push_back(exe.parent_path() / "plugins");
  if (std::filesystem::path user = user_plugin_dir(); !user.empty()) path.push_back(user);
  if (const char* list = std::getenv("CERTRENEW_PLUGIN_PATH")) {
    for (auto& entry : split_search_path(list)) path.push_back(std::move(entry));
  }
  return path;
}

}  // namespace certrenew::token
