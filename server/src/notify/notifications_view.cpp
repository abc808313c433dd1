#include "notify/notifications_view.hpp"

#include "certrenew/core/protocol/json_members.hpp"
#include "certrenew/core/time/utc_time.hpp"

namespace certrenew::server {

namespace {

nlohmann::json time_or_null(std::int64_t unix_seconds) {
  if (unix_seconds <= 0) return nullptr;
  auto t = UtcTime::from_unix(unix_seconds);
  return t ? nlohmann::json(t->iso()) : nlohmann::json(nullptr);
}

// The message as the console shows it: not its dedup key, facts or addressee's name.
CERTRENEW_JSON_MEMBERS(OutboxMessage, id, event, channel, recipient, language, state, attempts,
                       last_error)

}  // namespace

nlohmann::json notifications_view(const std::vector<OutboxMessage>& messages) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& m : messages) {
    nlohmann::json item = json_members(m);
    item["created_at"] = time_or_null(m.created_at);
    item["next_attempt_at"] =
        m.state == "pending" ? time_or_null(m.next_attempt_at) : nlohmann::json(nullptr);
    item["sent_at"] = time_or_null(m.sent_at);
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace certrenew::server
