#pragma once
// What the renewal service says to applicants, operators and the payment gateway when it refuses
// or describes something (ApiError's two sentences, the view's labels), in one catalogue
// (catalogues/service_messages.json) keyed by id. "{0}", "{1}"… in a sentence are filled with the
// arguments, so that each language may put them where its grammar wants them.

#include <initializer_list>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "certrenew/core/text/catalogue.hpp"
#include "service/api_error.hpp"

namespace certrenew::server {

const Catalogue& service_catalogue();

// `pattern` with each "{N}" replaced by args[N]; a "{N}" without an argument stays as written.
std::string fill_text(std::string_view pattern, std::initializer_list<std::string_view> args);

// The catalogue's `id` in both languages, arguments filled in.
Text service_text(std::string_view id, std::initializer_list<std::string_view> args = {});

// An ApiError whose sentences are the catalogue's `id`.
ApiError service_error(int status, std::string code, std::string_view id,
                       std::initializer_list<std::string_view> args = {},
                       nlohmann::json details = nullptr);

}  // namespace certrenew::server
