#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "certrenew/core/secure_buffer.hpp"

namespace certrenew {

// The PIN never comes from the command line (it would show in `ps` and shell history): from a
// file, from an environment variable, or typed on the terminal without echo.

// The first line of the file (without its line end). Throws std::runtime_error when unreadable.
SecureBuffer pin_from_file(const std::filesystem::path& file);
// Throws std::runtime_error when the variable is unset or empty.
SecureBuffer pin_from_env(const std::string& variable);
// Asks on the terminal with echo off; nullopt when standard input is not a terminal.
std::optional<SecureBuffer> pin_from_terminal(const std::string& prompt);

}  // namespace certrenew
