#pragma once

// The driver's JSON configuration (the string given to `open`):
//   {"root": "<dir>"}               every subdirectory of <dir> holding a token.json is a token
//   {"tokens": ["<dir>", ...]}      explicit token directories
//   neither                         root = $XDG_DATA_HOME/certrenew/softtokens (or
//                                   ~/.local/share/certrenew/softtokens)
//   "fault": {"fail_write": N}      the Nth file change of the context fails (tests)
//   "fault": {"removed_marker": P}  tokens act as unplugged while file P exists (tests)
// Unknown keys are ignored. Paths that do not exist yet are fine (tokens can appear later).

#include <cstdint>
#include <filesystem>
#include <optional>
#include <vector>

namespace certrenew::softtoken {

struct DriverConfig {
  std::vector<std::filesystem::path> roots;
  std::vector<std::filesystem::path> token_dirs;
  std::uint64_t fail_write = 0;  // 0 = no injected failure
  std::optional<std::filesystem::path> removed_marker;
};

// Throws StoreError(CRT_ERR_CONFIG) with the reason for malformed JSON or wrong types.
DriverConfig parse_driver_config(const char* json_text);

// The per-user default root, empty when the environment names no home.
std::filesystem::path default_token_root();

}  // namespace certrenew::softtoken
