#pragma once
// TEST DOUBLE: what the emulated library keeps in the process — its handles and each device's
// volatile security state (who is logged in to which application, whether the device was
// authenticated, the last challenge) — and the helpers every exported function uses. All calls
// are serialised by one mutex, except SKF_WaitForDevEvent's wait.

// The SKF functions are the library's exports: default visibility for their declarations, while
// everything else is built hidden.
#pragma GCC visibility push(default)
#include <certrenew/skf/gmt0016.h>
#pragma GCC visibility pop

#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "device_store.hpp"
#include "faults.hpp"

namespace certrenew::skf_testdouble {

struct DeviceHandle {
  std::string serial;
  Bytes challenge;  // the last SKF_GenRandom answer, for SKF_DevAuth
};
struct AppHandle {
  std::string serial, app;
};
struct ContainerHandle {
  std::string serial, app, container;
};
// A session key SKF_ImportSessionKey unwrapped (dual certificates: opening sealed data).
struct SessionKeyHandle {
  Bytes key;                // 16 bytes of SM4
  bool decrypting = false;  // SKF_DecryptInit was called
  ~SessionKeyHandle();      // wipes the key
};

std::mutex& module_mutex();

// Handles are pointers the library made and has not closed; anything else is refused.
template <typename T>
class Registry {
 public:
  HANDLE add(T value) {
    T* p = new T(std::move(value));
    live_.insert(p);
    return p;
  }
  T* get(HANDLE h) const {
    auto* p = static_cast<T*>(h);
    return live_.count(p) != 0 ? p : nullptr;
  }
  bool remove(HANDLE h) {
    T* p = get(h);
    if (p == nullptr) return false;
    live_.erase(p);
    delete p;
    return true;
  }

 private:
  std::set<T*> live_;
};

// The module's one registry of each kind of handle.
template <typename T>
Registry<T>& registry_of() {
  static Registry<T> r;
  return r;
}
inline Registry<DeviceHandle>& devices() {
  return registry_of<DeviceHandle>();
}
inline Registry<AppHandle>& applications() {
  return registry_of<AppHandle>();
}
inline Registry<ContainerHandle>& containers() {
  return registry_of<ContainerHandle>();
}
inline Registry<SessionKeyHandle>& session_keys() {
  return registry_of<SessionKeyHandle>();
}

// Volatile state of the devices, keyed by serial / "serial/app".
struct SecurityState {
  std::set<std::string> user_logged_in, admin_logged_in, authenticated_devices;
  void forget_device(const std::string& serial);
};
SecurityState& security();

// A present device's state: SAR_DEVICE_REMOVED when the control file unplugs it (which also
// forgets its logins) or its file is gone.
ULONG load_present(const std::string& serial, Device& out);
// A call on an application handle: the handle, its device loaded and the application in it.
struct AppCall {
  AppHandle* handle = nullptr;
  Device device;
  Application* app = nullptr;
};
// SAR_INVALIDHANDLEERR / SAR_DEVICE_REMOVED / SAR_APPLICATION_NOT_EXISTS, or SAR_OK with `call`
// filled.
ULONG load_app(HAPPLICATION h, AppCall& call);

// Saves the object changes of one call; SAR_WRITEFILEERR (nothing changed) under write_fail.
ULONG save_objects(const Device& device);
// Saves PIN counters (never fails on write_fail: a real chip's counter is not an object).
ULONG save_counters(const Device& device);

// The two-call pattern for a double-NUL name list.
ULONG put_name_list(const std::vector<std::string>& names, LPSTR buf, ULONG* size);
// The two-call pattern for bytes.
ULONG put_bytes(const void* data, std::size_t size, BYTE* buf, ULONG* len);

// A NUL-terminated name of 1..maxlen bytes, else nullopt.
std::optional<std::string> name_arg(const char* name, std::size_t maxlen = 64);

}  // namespace certrenew::skf_testdouble
