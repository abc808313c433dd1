// TEST DOUBLE: handles, volatile security state and shared helpers (module_state.hpp).
#include "module_state.hpp"

#include <openssl/crypto.h>

#include <cstring>

namespace certrenew::skf_testdouble {

std::mutex& module_mutex() {
  static std::mutex m;
  return m;
}

SessionKeyHandle::~SessionKeyHandle() {
  OPENSSL_cleanse(key.data(), key.size());
}

SecurityState& security() {
  static SecurityState s;
  return s;
}

void SecurityState::forget_device(const std::string& serial) {
  const auto drop = [&](std::set<std::string>& keys) {
    for (auto it = keys.begin(); it != keys.end();)
      it = (*it == serial || it->rfind(serial + "/", 0) == 0) ? keys.erase(it) : std::next(it);
  };
  drop(user_logged_in);
  drop(admin_logged_in);
  drop(authenticated_devices);
}

ULONG load_present(const std::string& serial, Device& out) {
  if (current_faults().removed(serial)) {
    security().forget_device(serial);
    return SAR_DEVICE_REMOVED;
  }
  std::optional<Device> device = load_device(serial);
  if (!device) {
    security().forget_device(serial);
    return SAR_DEVICE_REMOVED;
  }
  out = std::move(*device);
  return SAR_OK;
}

ULONG load_app(HAPPLICATION h, AppCall& call) {
  call.handle = applications().get(h);
  if (call.handle == nullptr) return SAR_INVALIDHANDLEERR;
  if (const ULONG rv = load_present(call.handle->serial, call.device); rv != SAR_OK) return rv;
  call.app = call.device.find(call.handle->app);
  return call.app == nullptr ? SAR_APPLICATION_NOT_EXISTS : SAR_OK;
}

ULONG save_objects(const Device& device) {
  if (current_faults().write_fail) return SAR_WRITEFILEERR;
  return save_device(device) ? SAR_OK : SAR_WRITEFILEERR;
}

ULONG save_counters(const Device& device) {
  return save_device(device) ? SAR_OK : SAR_WRITEFILEERR;
}

ULONG put_bytes(const void* data, std::size_t size, BYTE* buf, ULONG* len) {
  if (len == nullptr) return SAR_INVALIDPARAMERR;
  if (buf == nullptr) {
    *len = static_cast<ULONG>(size);
    return SAR_OK;
  }
  if (*len < size) {
    *len = static_cast<ULONG>(size);
    return SAR_BUFFER_TOO_SMALL;
  }
  if (size > 0) std::memcpy(buf, data, size);
  *len = static_cast<ULONG>(size);
  return SAR_OK;
}

ULONG put_name_list(const std::vector<std::string>& names, LPSTR buf, ULONG* size) {
  std::string list;
  for (const std::string& name : names) list.append(name).push_back('\0');
  list.push_back('\0');
  return put_bytes(list.data(), list.size(), reinterpret_cast<BYTE*>(buf), size);
}

std::optional<std::string> name_arg(const char* name, std::size_t maxlen) {
  if (name == nullptr) return std::nullopt;
  const std::size_t len = strnlen(name, maxlen + 1);
  if (len == 0 || len > maxlen) return std::nullopt;
  return std::string(name, len);
}

}  // namespace certrenew::skf_testdouble
