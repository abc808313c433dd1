#pragma once
// The back office's and the KMC's sentences, each in one catalogue, and the ApiErrors whose two
// sentences are one of their texts (catalogues/catalogue_errors.cpp):
// - the back office (issue 18: operators, roles, sessions, the console's API):
//   catalogues/back_office_messages.json;
// - SM2 dual certificates and key recovery (issue 21): catalogues/kmc_messages.json.

#include <string_view>

#include <nlohmann/json.hpp>

#include "certrenew/core/text/catalogue.hpp"
#include "service/api_error.hpp"

namespace certrenew::server {

const Catalogue& back_office_catalogue();
const Catalogue& kmc_catalogue();

// An ApiError whose sentences are the catalogue's `id`.
ApiError back_office_error(int status, std::string code, std::string_view id,
                           nlohmann::json details = nullptr);
ApiError kmc_error(int status, std::string code, std::string_view id,
                   nlohmann::json details = nullptr);

}  // namespace certrenew::server
