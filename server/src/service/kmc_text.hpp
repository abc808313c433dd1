#pragma once
// Issue 21: what the service says about SM2 dual certificates and key recovery, in one catalogue
// (catalogues/kmc_messages.json).

#include <string_view>

#include <nlohmann/json.hpp>

#include "certrenew/core/text/catalogue.hpp"
#include "service/api_error.hpp"

namespace certrenew::server {

const Catalogue& kmc_catalogue();

// An ApiError whose sentences are the catalogue's `id`.
ApiError kmc_error(int status, std::string code, std::string_view id,
                   nlohmann::json details = nullptr);

}  // namespace certrenew::server
