#pragma once

// Device → application → token. A token is one application on one key: its id is the key's
// serial number, followed by "/<application>" when the key has more than one application the
// configuration shows. Connections are opened per use and closed after it (DeviceConnection and
// AppConnection are RAII), so a re-plugged key is found again by its serial.

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "catalogues/skf_texts.hpp"
#include "device_info.hpp"
#include "driver_config.hpp"
#include "sar_codes.hpp"
#include "skf_handle.hpp"
#include "vendor_library.hpp"

namespace certrenew::skf {

struct FoundToken {
  std::string id;           // serial, or serial/application
  std::string device_name;  // the name SKF_EnumDev lists, for SKF_ConnectDev
  std::string application;
  DeviceFacts facts;
};

// A name list from the two-call pattern (SKF_EnumDev, SKF_EnumApplication, SKF_EnumContainer),
// read defensively: the last NUL may be missing, an empty list may be 0, 1 or 2 bytes.
std::vector<std::string> split_name_list(const std::vector<char>& buf);

template <typename Call>
std::vector<std::string> read_name_list(Call&& call, const char* function, const char* doing) {
  // The list may grow between the two calls (a key plugged in): ask again, a few times.
  for (int attempt = 0; attempt < 3; ++attempt) {
    ULONG size = 0;
    check_sar(call(nullptr, &size), function, doing);
    if (size == 0) return {};
    if (size > 1024 * 1024) fail(CRT_ERR_DEVICE, std::string(function) + " claims a huge list");
    std::vector<char> buf(size + 2, '\0');  // +2: a list whose last NULs were not counted
    ULONG filled = size;
    const ULONG rv = call(buf.data(), &filled);
    if (rv == SAR_BUFFER_TOO_SMALL) continue;
    check_sar(rv, function, doing);
    buf.resize(std::min<std::size_t>(filled, size) + 2, '\0');
    return split_name_list(buf);
  }
  fail(CRT_ERR_DEVICE, say(SkfText::list_unstable, {doing}));
}

class DeviceConnection {
 public:
  DeviceConnection(const SkfFunctions& api, const std::string& device_name);
  DEVHANDLE handle() const { return handle_.get(); }
  // The standard's device authentication with the configured key: 8 random bytes from the
  // device, zero-padded to one block, encrypted (SM4-ECB) and sent back with SKF_DevAuth.
  void authenticate(const Secret& key, ULONG algorithm);

 private:
  OwnedHandle<DEVHANDLE, &SkfFunctions::SKF_DisConnectDev> handle_;
};

class AppConnection {
 public:
  AppConnection(const SkfFunctions& api, DEVHANDLE device, const std::string& application);
  HAPPLICATION handle() const { return handle_.get(); }

 private:
  OwnedHandle<HAPPLICATION, &SkfFunctions::SKF_CloseApplication> handle_;
};

// Every token present now, in SKF_EnumDev order. A key that cannot be read is skipped (it may be
// in the middle of being unplugged); `problems` collects why.
std::vector<FoundToken> scan_tokens(const SkfFunctions& api, const DriverConfig& config,
                                    std::vector<std::string>* problems = nullptr);
// The token with that id, or DriverError(CRT_ERR_TOKEN_NOT_PRESENT).
FoundToken find_token(const SkfFunctions& api, const DriverConfig& config, const std::string& id);

// SKF_GetPINInfo for the user (or admin) PIN.
struct PinInfo {
  ULONG max = 0, left = 0;
  bool is_default = false;
};
PinInfo pin_info(const SkfFunctions& api, HAPPLICATION app, ULONG type);

}  // namespace certrenew::skf
