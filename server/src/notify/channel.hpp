#pragma once
// A way to reach a person (e-mail, SMS). The outbox worker renders a message and hands it to the
// channel named in the outbox row; the channel says whether to retry.

#include <string>

#include "notify/templates.hpp"
#include "storage/store.hpp"

namespace certrenew::server {

struct DeliveryResult {
  enum class Outcome { sent, retry, give_up };
  Outcome outcome = Outcome::sent;
  std::string error;  // for the outbox row and the log: never the message's text
};

class NotifyChannel {
 public:
  virtual ~NotifyChannel() = default;
  // `idempotency_key` is the same on every attempt for one outbox message (the Message-ID of an
  // e-mail), so a receiver that got it before can tell a repeat.
  virtual DeliveryResult deliver(const OutboxMessage& message, const RenderedMessage& content,
                                 const std::string& idempotency_key, std::int64_t now) = 0;
};

}  // namespace certrenew::server
