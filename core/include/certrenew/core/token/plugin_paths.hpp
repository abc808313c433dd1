#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

namespace certrenew::token {

// Where drivers are looked for, in order: "<exe dir>/plugins" (the portable drop-in), the user's
// data dir (user_plugin_dir()), then each entry of CERTRENEW_PLUGIN_PATH.
std::vector<std::filesystem::path> default_search_path();

// The user's own plugin folder: $XDG_DATA_HOME/certrenew/plugins or
// ~/.local/share/certrenew/plugins; %APPDATA%\CertRenew\plugins on Windows. Empty when the
// environment names no home.
std::filesystem::path user_plugin_dir();

// Splits a CERTRENEW_PLUGIN_PATH-style list (':' separated; ';' on Windows); empty entries are
// dropped.
std::vector<std::filesystem::path> split_search_path(std::string_view list);

// The shared-library suffix of this platform (".so", ".dylib", ".dll").
std::filesystem::path shared_library_suffix();

}  // namespace certrenew::token
