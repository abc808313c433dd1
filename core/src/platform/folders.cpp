#include "certrenew/core/folders.hpp"

#include <cstdlib>
#include <system_error>

#include <boost/dll/runtime_symbol_info.hpp>

namespace certrenew {

namespace {

namespace fs = std::filesystem;

fs::path env_path(const char* name) {
  const char* value = std::getenv(name);
  return value && *value ? fs::path(value) : fs::path();
}

fs::path user_dir(const char* xdg_variable, const fs::path& home_relative_default) {
#if defined(_WIN32)
  (void)xdg_variable;
  (void)home_relative_default;
  const fs::path appdata = env_path("APPDATA");
  return appdata.empty() ? appdata : appdata / "CertRenew";
#else
  fs::path base = env_path(xdg_variable);
  if (base.empty() || !base.is_absolute()) {  // XDG: relative values are ignored
    const fs::path home = user_home_dir();
    if (home.empty()) return {};
    base = home / home_relative_default;
  }
  return base / "certrenew";
#endif
}

}  // namespace

fs::path executable_dir() {
  // Boost.DLL asks the system (/proc/self/exe, GetModuleFileNameW, _NSGetExecutablePath), so
  // argv[0] and the working folder never matter.
  std::error_code ec;
  const fs::path exe = boost::dll::program_location(ec);
  return ec || exe.empty() ? fs::path() : exe.parent_path();
}

fs::path user_data_dir() {
  return user_dir("XDG_DATA_HOME", fs::path(".local") / "share");
}

fs::path user_config_dir() {
  return user_dir("XDG_CONFIG_HOME", ".config");
}

fs::path user_home_dir() {
#if defined(_WIN32)
  return env_path("USERPROFILE");
#else
  return env_path("HOME");
#endif
}

}  // namespace certrenew
