#pragma once
// Delivers the outbox (issue 19): claims due messages with a lease (two instances never hold the
// same message), renders them from the templates, hands them to their channel, and records the
// outcome: sent, retried later with exponential backoff, or given up. A message whose worker
// died mid-delivery is claimed again once its lease runs out, with the same idempotency key.
// Also queues expiry reminders.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "jobs/polling_worker.hpp"
#include "notify/channel.hpp"
#include "notify/notifier.hpp"
#include "notify/templates.hpp"
#include "storage/store.hpp"

namespace certrenew::server {

class OutboxWorker {
 public:
  using Now = std::function<std::int64_t()>;  // Unix seconds
  using Channels = std::map<std::string, std::unique_ptr<NotifyChannel>>;

  OutboxWorker(Store& store, const Notifier& notifier, NotifyTemplates templates, Channels channels,
               Now now);
  OutboxWorker(const OutboxWorker&) = delete;
  OutboxWorker& operator=(const OutboxWorker&) = delete;

  // One round: reminders when a sweep is due, then every due message. Returns how many
  // delivery attempts it made.
  int run_once();
  void start() { thread_.start(); }  // rounds every poll interval until destroyed

  const std::string& id() const { return id_; }

  // Seconds before attempt `attempts` + 1: retry_base * 2^(attempts-1), at most retry_max.
  static std::int64_t backoff(const NotifyConfig& config, int attempts);

 private:
  int deliver(const OutboxMessage& message);

  Store& store_;
  const Notifier& notifier_;
  NotifyTemplates templates_;
  Channels channels_;
  Now now_;
  std::string id_;
  std::int64_t next_sweep_ = 0;
  PollingWorker thread_;  // last: stopped before the members its rounds use
};

// The idempotency key of an outbox message: the same on every attempt, different for every
// message (and for every database, through the dedup key's hash).
std::string idempotency_key(const OutboxMessage& message);

}  // namespace certrenew::server
