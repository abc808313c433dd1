#pragma once
// The console's pages, styles and scripts (assets/console), served under /console/.

#include <filesystem>
#include <optional>

#include "console/web_types.hpp"

namespace certrenew::server::console {

class StaticFiles {
 public:
  // `root` is assets/console; a missing folder serves 404s (and is logged at start).
  explicit StaticFiles(std::filesystem::path root);
  // `relative` is the path after /console/ ("" is the console's page). nullopt: no such file.
  std::optional<WebResponse> serve(const std::string& relative) const;

 private:
  std::filesystem::path root_;
};

}  // namespace certrenew::server::console
