#pragma once
// An application's notifications as operators see them (admin show, the console): what was sent
// to whom by which channel and how delivery went. Never the message text.

#include <vector>

#include <nlohmann/json.hpp>

#include "storage/store.hpp"

namespace certrenew::server {

nlohmann::json notifications_view(const std::vector<OutboxMessage>& messages);

}  // namespace certrenew::server
