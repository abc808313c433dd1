#pragma once
// The per-user folders of the client when it is installed (not portable).

#include <filesystem>

namespace certrenew::client {

// $XDG_DATA_HOME/certrenew or ~/.local/share/certrenew; %APPDATA%\CertRenew on Windows.
// Empty when the environment names no home.
std::filesystem::path user_data_dir();

// $XDG_CONFIG_HOME/certrenew or ~/.config/certrenew; %APPDATA%\CertRenew on Windows.
// Empty when the environment names no home.
std::filesystem::path user_config_dir();

// $HOME; %USERPROFILE% on Windows. Empty when the environment names none.
std::filesystem::path user_home_dir();

}  // namespace certrenew::client
