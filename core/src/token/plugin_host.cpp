#include "certrenew/core/token/plugin_host.hpp"

#include <algorithm>
#include <array>
#include <system_error>
#include <utility>

#include "certrenew/core/lookup_table.hpp"
#include "certrenew/core/token/plugin_paths.hpp"
#include "plugin_loader.hpp"

namespace certrenew::token {

constexpr auto kRejectionKindNames = std::to_array<std::pair<RejectionKind, std::string_view>>({
    {RejectionKind::not_a_library, "not_a_library"},
    {RejectionKind::load_error, "load_error"},
    {RejectionKind::missing_entry, "missing_entry"},
    {RejectionKind::wrong_abi_version, "wrong_abi_version"},
    {RejectionKind::short_table, "short_table"},
    {RejectionKind::incomplete_table, "incomplete_table"},
    {RejectionKind::duplicate, "duplicate"},
});

std::string_view to_string(RejectionKind kind) {
  return lookup(kRejectionKindNames, kind).value_or("unknown");
}

std::string Rejection::describe() const {
  return path.string() + ": " + message;
}

PluginHost PluginHost::discover() {
  PluginHost host;
  host.scan(default_search_path());
  return host;
}

void PluginHost::scan(const std::vector<std::filesystem::path>& directories) {
  for (const auto& directory : directories) scan_directory(directory);
}

void PluginHost::scan_directory(const std::filesystem::path& directory) {
  std::error_code ec;
  if (!std::filesystem::is_directory(directory, ec)) return;

  const std::filesystem::path suffix = shared_library_suffix();
  std::vector<std::filesystem::path> files;
  for (std::filesystem::directory_iterator it(directory, ec), end; !ec && it != end;
       it.increment(ec)) {
    if (it->path().extension() == suffix && it->is_regular_file(ec)) files.push_back(it->path());
  }
  // Sorted, so that which of two same-named drivers wins does not depend on the file system.
  std::sort(files.begin(), files.end());
  for (const auto& file : files) load_file(file);
}

std::variant<Driver, Rejection> PluginHost::load_file(const std::filesystem::path& file) {
  auto result = detail::load_driver_library(file);
  if (auto* rejection = std::get_if<Rejection>(&result)) {
    rejections_.push_back(*rejection);
    return std::move(*rejection);
  }
  Driver driver(std::get<std::shared_ptr<const detail::LoadedLibrary>>(std::move(result)));
  if (auto existing = find(driver.name())) {
    Rejection r;
    r.path = file;
    r.kind = RejectionKind::duplicate;
    r.driver_name = driver.name();
    r.message = "a driver named '" + driver.name() + "' is loaded already from " +
                existing->path().string();
    rejections_.push_back(r);
    return r;
  }
  drivers_.push_back(driver);
  return driver;
}

std::optional<Driver> PluginHost::find(std::string_view name) const {
  for (const auto& driver : drivers_) {
    if (driver.name() == name) return driver;
  }
  return std::nullopt;
}

}  // namespace certrenew::token
