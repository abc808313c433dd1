// ApiErrors whose two sentences are a text of the back office's or the KMC's catalogue
// (back_office_messages.json, kmc_messages.json, embedded by certrenew_embed_catalogues).
#include <utility>

#include "service/catalogue_errors.hpp"

namespace certrenew::server {
namespace {

ApiError catalogue_error(const Catalogue& catalogue, int status, std::string code,
                         std::string_view id, nlohmann::json details) {
  const CatalogueEntry& e = catalogue.at(id);
  return ApiError(status, std::move(code), std::string(e.en), std::string(e.zh),
                  std::move(details));
}

}  // namespace

ApiError back_office_error(int status, std::string code, std::string_view id,
                           nlohmann::json details) {
  return catalogue_error(back_office_catalogue(), status, std::move(code), id, std::move(details));
}

ApiError kmc_error(int status, std::string code, std::string_view id, nlohmann::json details) {
  return catalogue_error(kmc_catalogue(), status, std::move(code), id, std::move(details));
}

}  // namespace certrenew::server
