#pragma once
// Delivers the outbox (issue 19): claims due messages with a lease (two instances never hold the
// same message), renders them from the templates, hands them to their channel, and records the
// outcome: sent, retried later with exponential backoff, or given up. A message whose worker
// died mid-delivery is claimed again once its lease runs out, with the same idempotency key.
// Also queues expiry reminders.

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

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
  ~OutboxWorker();  // stops the thread, if started

  // One round: reminders when a sweep is due, then every due message. Returns how many
  // delivery attempts it made.
  int run_once();
  void start();  // rounds on a thread of its own, every poll interval, until destroyed

  const std::string& id() const { return id_; }

  // Seconds before attempt `attempts` + 1: retry_base * 2^(attempts-1), at most retry_max.
  static std::int64_t backoff(const NotifyConfig& config, int attempts);

 private:
  int deliver(const OutboxMessage& message);
  void loop();
  bool stopping();

  Store& store_;
  const Notifier& notifier_;
  NotifyTemplates templates_;
  Channels channels_;
  Now now_;
  std::string id_;
  std::int64_t next_sweep_ = 0;

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

// The idempotency key of an outbox message: the same on every attempt, different for every
// message (and for every database, through the dedup key's hash).
std::string idempotency_key(const OutboxMessage& message);

}  // namespace certrenew::server
