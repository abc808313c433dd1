#pragma once
// What every durable worker of the service shares (the notification outbox, the issuer's jobs):
// rows are claimed with a lease in the database, so several instances on one database never work
// on the same row and a row whose worker died is claimed again once its lease runs out; a thread
// runs rounds every poll interval until it is stopped, and can be woken early; failed attempts
// wait an exponentially growing time.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace certrenew::server {

// The lease owner a worker writes into the rows it claims: host:pid:random, different for every
// worker of every instance.
std::string lease_worker_id();

// Seconds to wait before attempt `attempts` + 1: base * 2^(attempts-1), at most `max`.
std::int64_t retry_backoff(std::int64_t base, std::int64_t max, int attempts);

// A thread that calls `round` every `interval` (and at once when woken) until destroyed. An
// exception from a round is logged under `name`; the next round runs as usual.
class PollingWorker {
 public:
  using Round = std::function<void()>;
  PollingWorker(std::string name, std::chrono::milliseconds interval, Round round);
  PollingWorker(const PollingWorker&) = delete;
  PollingWorker& operator=(const PollingWorker&) = delete;
  ~PollingWorker();  // stops and joins the thread, if started

  void start();
  void wake();      // the next round now (new work was queued)
  bool stopping();  // rounds that loop over many rows stop early when true

 private:
  void loop();

  std::string name_;
  std::chrono::milliseconds interval_;
  Round round_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace certrenew::server
