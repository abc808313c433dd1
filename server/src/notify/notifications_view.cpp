#include "notify/notifications_view.hpp"

#include "certrenew/core/time/utc_time.hpp"

namespace certrenew::server {

namespace {

nlohmann::json time_or_null(std::int64_t unix_seconds) {
  if (unix_seconds <= 0) return nullptr;
  auto t = UtcTime::from_unix(unix_seconds);
  return t ? nlohmann::json(t->iso()) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json notifications_view(const std::vector<OutboxMessage>& messages) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& m : messages) {
    out.push_back({{"id", m.id},
                   {"event", m.event},
                   {"channel", m.channel},
                   {"recipient", m.recipient},
                   {"language", m.language},
                   {"state", m.state},
                   {"attempts", m.attempts},
                   {"last_error", m.last_error},
                   {"created_at", time_or_null(m.created_at)},
                   {"next_attempt_at", m.state == "pending" ? time_or_null(m.next_attempt_at)
                                                            : nlohmann::json(nullptr)},
                   {"sent_at", time_or_null(m.sent_at)}});
  }
  return out;
}

}  // namespace certrenew::server
