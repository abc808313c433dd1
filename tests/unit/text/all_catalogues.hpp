#pragma once
// Every message catalogue of the product, as the binaries embed them (core, client, certrenew-cli,
// server), and the catalogue files of the source tree (every *.json in a catalogues/ folder).

#include <filesystem>
#include <vector>

#include "certrenew/core/text/catalogue.hpp"

namespace certrenew::test {

std::vector<const Catalogue*> all_catalogues();
std::vector<std::filesystem::path> catalogue_files(const std::filesystem::path& root);

}  // namespace certrenew::test
