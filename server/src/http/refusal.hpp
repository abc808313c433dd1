#pragma once
// JSON answers in the protocol's error shape (docs/protocol.md, "Errors"), for what the serving
// layer refuses by itself (404 route, 413 body, 431 headers, 400 unreadable request) and for the
// API's handlers.

#include <string>

#include <nlohmann/json.hpp>

#include "http/http_message.hpp"

namespace certrenew::server {

// `body` as the protocol's JSON (cannot throw on odd bytes) with `status`.
HttpAnswer json_answer(int status, const nlohmann::json& body);

// {"error": {"code": code, "message": "the request was refused: <code>", "message_zh": …}}.
HttpAnswer refusal(int status, const std::string& code);

}  // namespace certrenew::server
