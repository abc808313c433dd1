#include "all_catalogues.hpp"

#include <algorithm>

#include "certrenew/client/catalogues.hpp"
#include "certrenew/core/text/catalogues.hpp"
#include "cli_text.hpp"
#include "http/catalogues/serving_refusals.hpp"
#include "service/catalogue_errors.hpp"
#include "service/service_text.hpp"

namespace certrenew::test {

std::vector<const Catalogue*> all_catalogues() {
  std::vector<const Catalogue*> all(core_catalogues().begin(), core_catalogues().end());
  all.insert(all.end(), client::client_catalogues().begin(), client::client_catalogues().end());
  all.insert(all.end(),
             {&cli::cli_messages(), &server::service_catalogue(), &server::back_office_catalogue(),
              &server::kmc_catalogue(), &server::catalogues::serving_refusals()});
  return all;
}

std::vector<std::filesystem::path> catalogue_files(const std::filesystem::path& root) {
  std::vector<std::filesystem::path> files;
  for (const char* top : {"app", "core", "plugins", "server"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root / top)) {
      const std::filesystem::path& path = entry.path();
      if (entry.is_regular_file() && path.extension() == ".json" &&
          path.parent_path().filename() == "catalogues") {
        files.push_back(path);
      }
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace certrenew::test
