#include "notify/outbox_worker.hpp"

#include <spdlog/spdlog.h>

#include "notify/reminders.hpp"
#include "service/digest.hpp"

namespace certrenew::server {

namespace {

constexpr int kBatch = 20;

const char* outcome_name(DeliveryResult::Outcome o) {
  switch (o) {
    case DeliveryResult::Outcome::sent:
      return "sent";
    case DeliveryResult::Outcome::retry:
      return "retry";
    case DeliveryResult::Outcome::give_up:
      return "give_up";
  }
  return "?";
}

}  // namespace

std::string idempotency_key(const OutboxMessage& message) {
  return "certrenew." + std::to_string(message.id) + "." +
         sha256_hex(message.dedup_key).substr(0, 16);
}

OutboxWorker::OutboxWorker(Store& store, const Notifier& notifier, NotifyTemplates templates,
                           Channels channels, Now now)
    : store_(store),
      notifier_(notifier),
      templates_(std::move(templates)),
      channels_(std::move(channels)),
      now_(std::move(now)),
      id_(lease_worker_id()),
      thread_("notify", std::chrono::milliseconds(notifier_.config().poll_milliseconds),
              [this] { run_once(); }) {}

std::int64_t OutboxWorker::backoff(const NotifyConfig& config, int attempts) {
  return retry_backoff(config.retry_base_seconds, config.retry_max_seconds, attempts);
}

int OutboxWorker::run_once() {
  const std::int64_t now = now_();
  if (now >= next_sweep_) {
    int queued = 0;
    store_.transact([&](StoreTx& tx) { queued = queue_expiry_reminders(tx, notifier_, now); });
    if (queued > 0) spdlog::info("notify: expiry reminders checked, {} certificate(s) due", queued);
    next_sweep_ = now + notifier_.config().reminder_sweep_seconds;
  }
  int attempts = 0;
  while (!thread_.stopping()) {
    const std::int64_t at = now_();
    std::vector<OutboxMessage> batch;
    store_.transact([&](StoreTx& tx) {
      batch = tx.claim_outbox_messages(id_, at, at + notifier_.config().lease_seconds, kBatch);
    });
    if (batch.empty()) break;
    for (const auto& m : batch) attempts += deliver(m);
  }
  return attempts;
}

int OutboxWorker::deliver(const OutboxMessage& m) {
  const NotifyConfig& config = notifier_.config();
  DeliveryResult result;
  auto channel = channels_.find(m.channel);
  if (channel == channels_.end()) {
    result = {DeliveryResult::Outcome::retry, "the channel is not configured"};
  } else {
    try {
      auto facts = nlohmann::json::parse(m.facts_json);
      RenderedMessage content = templates_.render(m.event, m.language, facts);
      result = channel->second->deliver(m, content, idempotency_key(m), now_());
    } catch (const std::exception& e) {  // a template or stored record that cannot make a message
      result = {DeliveryResult::Outcome::give_up, e.what()};
    }
  }
  const std::int64_t now = now_();
  OutboxSettlement s;
  s.attempts = m.attempts + 1;
  s.last_error = result.error;
  s.next_attempt_at = m.next_attempt_at;
  if (result.outcome == DeliveryResult::Outcome::sent) {
    s.state = "sent";
    s.sent_at = now;
  } else if (result.outcome == DeliveryResult::Outcome::give_up ||
             s.attempts >= config.max_attempts) {
    s.state = "failed";
  } else {
    s.state = "pending";
    s.next_attempt_at = now + backoff(config, s.attempts);
  }
  bool settled = false;
  store_.transact([&](StoreTx& tx) { settled = tx.settle_outbox_message(m.id, id_, s); });
  // The log names the message, never its text or its recipient.
  if (!settled)
    spdlog::warn("notify: message {} ({} by {}): the claim had passed to another worker", m.id,
                 m.event, m.channel);
  else if (s.state == "sent")
    spdlog::info("notify: message {} ({} by {}) sent", m.id, m.event, m.channel);
  else
    spdlog::warn("notify: message {} ({} by {}) attempt {} {}: {}{}", m.id, m.event, m.channel,
                 s.attempts, outcome_name(result.outcome), result.error,
                 s.state == "failed" ? " - given up" : "");
  return 1;
}

}  // namespace certrenew::server
