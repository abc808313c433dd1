#pragma once

// Hot-plug through SKF_WaitForDevEvent: a thread of the context waits for insertion/removal
// events, so a session on a key that was pulled out fails at once with "the key was removed"
// instead of waiting on a library that may hang on a dead handle. The host still polls
// list_tokens (the ABI has no events); each listing asks the library afresh.

#include <atomic>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "vendor_library.hpp"

namespace certrenew::skf {

class HotplugWatcher {
 public:
  // Starts when the library offers SKF_WaitForDevEvent and SKF_CancelWaitForDevEvent (the
  // thread can then always be stopped); otherwise it stays inactive.
  explicit HotplugWatcher(const SkfFunctions& api);
  ~HotplugWatcher();  // SKF_CancelWaitForDevEvent, then join
  HotplugWatcher(const HotplugWatcher&) = delete;
  HotplugWatcher& operator=(const HotplugWatcher&) = delete;

  bool active() const { return thread_.joinable(); }
  // True when the library reported the device (by its SKF_EnumDev name) removed and not
  // inserted again since.
  bool removed(const std::string& device_name) const;
  // The device was just found present (listed and connected): an older removal no longer counts.
  void found(const std::string& device_name);

 private:
  void run();
  const SkfFunctions& api_;
  std::atomic<bool> stop_{false};
  mutable std::mutex mutex_;
  std::set<std::string> removed_;
  bool finished_ = false;  // run() has returned: no call into the library is left
  std::thread thread_;
};

}  // namespace certrenew::skf
