#pragma once

#include <filesystem>
#include <memory>
#include <variant>

#include "certrenew/core/token/plugin_host.hpp"
#include "token_state.hpp"

namespace certrenew::token::detail {

// Loads one file and checks its driver table (everything but duplicate names, which only the
// host can see). A rejected library is unloaded before this returns.
std::variant<std::shared_ptr<const LoadedLibrary>, Rejection> load_driver_library(
    const std::filesystem::path& file);

}  // namespace certrenew::token::detail
