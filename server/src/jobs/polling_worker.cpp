#include "jobs/polling_worker.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>

#include "certrenew/core/bytes.hpp"
#include "service/digest.hpp"

namespace certrenew::server {

std::string lease_worker_id() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host) + ":" + std::to_string(getpid()) + ":" + to_hex(random_bytes(6));
}

std::int64_t retry_backoff(std::int64_t base, std::int64_t max, int attempts) {
  std::int64_t delay = base;
  for (int i = 1; i < attempts && delay < max; ++i) delay *= 2;
  return std::min(delay, max);
}

PollingWorker::PollingWorker(std::string name, std::chrono::milliseconds interval, Round round)
    : name_(std::move(name)), interval_(interval), round_(std::move(round)) {}

PollingWorker::~PollingWorker() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void PollingWorker::start() {
  thread_ = std::thread([this] { loop(); });
}

void PollingWorker::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_.notify_all();
}

bool PollingWorker::stopping() {
  std::lock_guard lock(mutex_);
  return stopping_;
}

void PollingWorker::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    woken_ = false;
    lock.unlock();
    try {
      round_();
    } catch (const std::exception& e) {
      spdlog::error("{}: {}", name_, e.what());
    }
    lock.lock();
    wake_.wait_for(lock, interval_, [&] { return stopping_ || woken_; });
  }
}

}  // namespace certrenew::server
