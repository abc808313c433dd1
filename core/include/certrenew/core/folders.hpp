#pragma once
// Where this program and its user's files are, as each platform names them. The one place that
// knows these conventions: the client's runtime (configuration, data, the log), the token host's
// driver search path and the tools all ask here.

#include <filesystem>

namespace certrenew {

// The folder of the running executable (portable mode, the bundled plugins/ folder). Empty when
// the system cannot say.
std::filesystem::path executable_dir();

// $XDG_DATA_HOME/certrenew or ~/.local/share/certrenew; %APPDATA%\CertRenew on Windows.
// Empty when the environment names no home.
std::filesystem::path user_data_dir();

// $XDG_CONFIG_HOME/certrenew or ~/.config/certrenew; %APPDATA%\CertRenew on Windows.
// Empty when the environment names no home.
std::filesystem::path user_config_dir();

// $HOME; %USERPROFILE% on Windows. Empty when the environment names none.
std::filesystem::path user_home_dir();

}  // namespace certrenew
