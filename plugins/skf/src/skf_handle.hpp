#pragma once

// A handle the bridge opened through SKF (adopted once the opening call succeeded), closed by the
// library's matching function (SKF_DisConnectDev, SKF_CloseApplication, SKF_CloseContainer) when it
// goes: one close for each open, so it cannot be copied.

#include "vendor_library.hpp"

namespace certrenew::skf {

template <typename Handle, auto SkfFunctions::*close>
class OwnedHandle {
 public:
  explicit OwnedHandle(const SkfFunctions& api, Handle handle = nullptr)
      : api_(api), handle_(handle) {}
  ~OwnedHandle() {
    if (handle_ != nullptr) (api_.*close)(handle_);
  }
  OwnedHandle(const OwnedHandle&) = delete;
  OwnedHandle& operator=(const OwnedHandle&) = delete;

  Handle get() const { return handle_; }
  const SkfFunctions& api() const { return api_; }

 private:
  const SkfFunctions& api_;
  Handle handle_;
};

}  // namespace certrenew::skf
