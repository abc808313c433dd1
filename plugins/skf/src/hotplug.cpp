#include "hotplug.hpp"

#include <chrono>
#include <cstring>

namespace certrenew::skf {

HotplugWatcher::HotplugWatcher(const SkfFunctions& api) : api_(api) {
  if (api.SKF_WaitForDevEvent != nullptr && api.SKF_CancelWaitForDevEvent != nullptr)
    thread_ = std::thread([this] { run(); });
}

HotplugWatcher::~HotplugWatcher() {
  if (!thread_.joinable()) return;
  stop_ = true;
  // Cancel until the thread has left the library: a cancel may land just before it waits again.
  while (true) {
    api_.SKF_CancelWaitForDevEvent();
    std::unique_lock lock(mutex_);
    if (finished_) break;
    lock.unlock();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  thread_.join();
}

bool HotplugWatcher::removed(const std::string& device_name) const {
  std::lock_guard lock(mutex_);
  return removed_.count(device_name) != 0;
}

void HotplugWatcher::found(const std::string& device_name) {
  std::lock_guard lock(mutex_);
  removed_.erase(device_name);
}

void HotplugWatcher::run() {
  int failures = 0;
  while (!stop_) {
    char name[260] = {};
    ULONG len = sizeof name - 1;
    ULONG event = 0;
    const ULONG rv = api_.SKF_WaitForDevEvent(name, &len, &event);
    if (stop_) break;
    if (rv != SAR_OK) {
      // A library that cannot wait (or keeps failing) is left alone after a few tries; sessions
      // then learn of a removal from the library's own SAR_DEVICE_REMOVED.
      if (rv == SAR_NOTSUPPORTYETERR || ++failures > 20) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      continue;
    }
    failures = 0;
    const std::string device(name, strnlen(name, sizeof name - 1));
    std::lock_guard lock(mutex_);
    if (event == SKF_EVENT_REMOVED)
      removed_.insert(device);
    else if (event == SKF_EVENT_INSERTED)
      removed_.erase(device);
  }
  std::lock_guard lock(mutex_);
  finished_ = true;
}

}  // namespace certrenew::skf
