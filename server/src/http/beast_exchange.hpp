#pragma once
// Between Beast's messages and the library-neutral HttpRequest/HttpAnswer (the serving layer's
// internals; handlers never see Beast).

#include <boost/beast/http.hpp>

#include <string>
#include <string_view>

#include "http/http_message.hpp"

namespace certrenew::server {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;
using BeastResponse = boost::beast::http::response<boost::beast::http::string_body>;

// Moves the body out of `request`.
HttpRequest to_http_request(BeastRequest& request, std::string remote_address);

BeastResponse to_beast_response(HttpAnswer answer, unsigned version, bool keep_alive);

// %XX decoded, '+' as a space when `plus_is_space`; a malformed escape stays as it is.
std::string percent_decode(std::string_view text, bool plus_is_space);

}  // namespace certrenew::server
