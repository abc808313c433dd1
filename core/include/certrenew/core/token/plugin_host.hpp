#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "certrenew/core/token/driver.hpp"

namespace certrenew::token {

// Why the host refused a library.
enum class RejectionKind {
  not_a_library,      // the file is not a shared library at all
  load_error,         // a shared library the system loader refused (missing dependency, ...)
  missing_entry,      // no certrenew_driver_v1, or it returned no table
  wrong_abi_version,  // abi_version is not CRT_DRIVER_ABI_VERSION
  short_table,        // struct_size is smaller than the version-1 table
  incomplete_table,   // a required function or name/vendor/version is NULL
  duplicate,          // a driver with the same name is loaded already
};

std::string_view to_string(RejectionKind kind);

struct Rejection {
  std::filesystem::path path;
  RejectionKind kind = RejectionKind::load_error;
  std::string message;  // one sentence for people, e.g. "driver ABI version 7 is not supported ..."
  std::uint32_t abi_version_found = 0;  // for wrong_abi_version
  std::uint32_t struct_size_found = 0;  // for short_table
  std::string missing_field;            // for incomplete_table: "login", "vendor", ...
  std::string driver_name;              // for duplicate: the name loaded twice

  // "<path>: <message>", as the diagnostic mode shows it.
  std::string describe() const;
};

// Finds, loads and checks token drivers. A library that fails a check is recorded as a Rejection
// and the host carries on with the others. Not thread-safe itself; the Drivers it hands out are.
class PluginHost {
 public:
  PluginHost() = default;

  // A host that has scanned default_search_path().
  static PluginHost discover();

  // Loads every file with the platform's shared-library suffix in each directory, in order
  // (files sorted by name). Directories that do not exist are passed over silently.
  void scan(const std::vector<std::filesystem::path>& directories);
  void scan_directory(const std::filesystem::path& directory);

  // Loads one explicit file (any name). The driver is also added to drivers(), or the rejection
  // to rejections().
  std::variant<Driver, Rejection> load_file(const std::filesystem::path& file);

  const std::vector<Driver>& drivers() const { return drivers_; }
  const std::vector<Rejection>& rejections() const { return rejections_; }
  std::optional<Driver> find(std::string_view name) const;

 private:
  std::vector<Driver> drivers_;
  std::vector<Rejection> rejections_;
};

}  // namespace certrenew::token
