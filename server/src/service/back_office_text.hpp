#pragma once
// The back office's sentences (issue 18: operators, roles, sessions, the console's API), in one
// catalogue (catalogues/back_office_messages.json).

#include <string_view>

#include <nlohmann/json.hpp>

#include "certrenew/core/text/catalogue.hpp"
#include "service/api_error.hpp"

namespace certrenew::server {

const Catalogue& back_office_catalogue();

// An ApiError whose sentences are the catalogue's `id`.
ApiError back_office_error(int status, std::string code, std::string_view id,
                           nlohmann::json details = nullptr);

}  // namespace certrenew::server
