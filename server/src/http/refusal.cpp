#include "http/refusal.hpp"

#include "certrenew/core/protocol/json_field.hpp"
#include "http/catalogues/serving_refusals.hpp"
#include "service/api_error.hpp"

namespace certrenew::server {

HttpAnswer json_answer(int status, const nlohmann::json& body) {
  HttpAnswer a;
  a.status = status;
  a.content_type = "application/json; charset=utf-8";
  a.body = protocol::encode_json(body);
  return a;
}

HttpAnswer refusal(int status, const std::string& code) {
  const auto& texts = catalogues::serving_refusals();
  const CatalogueEntry* entry = texts.find(code);
  const std::string en =
      entry ? std::string(entry->en) : std::string(texts.at("refused").en) + ": " + code;
  const std::string zh(entry ? entry->zh : texts.at("refused").zh);
  return json_answer(status, ApiError(status, code, en, zh).to_json());
}

}  // namespace certrenew::server
