#include "certrenew/core/token/plugin_paths.hpp"

#include "certrenew/core/folders.hpp"

#include <cstdlib>
#include <string>

#include <boost/dll/shared_library.hpp>

namespace certrenew::token {

// The user's own plugin folder sits in the per-user data folder (certrenew/folders.hpp).
std::filesystem::path user_plugin_dir() {
  const std::filesystem::path data = user_data_dir();
  return data.empty() ? data : data / "plugins";
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
  if (const std::filesystem::path exe = executable_dir(); !exe.empty())
    path.push_back(exe / "plugins");
  if (std::filesystem::path user = user_plugin_dir(); !user.empty()) path.push_back(user);
  if (const char* list = std::getenv("CERTRENEW_PLUGIN_PATH")) {
    for (auto& entry : split_search_path(list)) path.push_back(std::move(entry));
  }
  return path;
}

}  // namespace certrenew::token
