// TEST DOUBLE: GM/T 0016 device management, device authentication, applications and PINs.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstring>
#include <thread>

#include "module_state.hpp"
#include "token_crypto.hpp"

using namespace certrenew::skf_testdouble;

namespace {

std::atomic<bool> g_cancel_wait{false};

std::vector<std::string> present_serials() {
  const Faults faults = current_faults();
  std::vector<std::string> present;
  for (const std::string& serial : device_files())
    if (!faults.removed(serial)) present.push_back(serial);
  return present;
}

// The devices the library has seen present, as a real library's driver keeps them from the
// system's plug events: what SKF_EnumDev last listed, moved on by each event delivered (a
// change nobody listed or waited for is not an event). Under module_mutex().
std::vector<std::string>& seen_present() {
  static std::vector<std::string> seen = present_serials();
  return seen;
}

// A call on one PIN of an application (USER_TYPE or ADMIN_TYPE).
struct PinCall : AppCall {
  Pin* pin = nullptr;
};

// load_app's answers, or SAR_USER_TYPE_INVALID for another PIN type.
ULONG load_pin(HAPPLICATION h, ULONG type, PinCall& call) {
  if (const ULONG rv = load_app(h, call); rv != SAR_OK) return rv;
  if (type == USER_TYPE) call.pin = &call.app->user;
  if (type == ADMIN_TYPE) call.pin = &call.app->admin;
  return call.pin == nullptr ? SAR_USER_TYPE_INVALID : SAR_OK;
}

// Checks `pin` against `stored`, spending a try when wrong and refilling the tries when right.
ULONG check_pin(Device& device, Pin& stored, const char* pin, ULONG* retries) {
  if (stored.retries_left == 0) {
    if (retries != nullptr) *retries = 0;
    return SAR_PIN_LOCKED;
  }
  const auto text = name_arg(pin, 64);
  if (!text) return SAR_PIN_LEN_RANGE;
  if (sha256_hex(*text) != stored.sha256) {
    --stored.retries_left;
    save_counters(device);
    if (retries != nullptr) *retries = stored.retries_left;
    return SAR_PIN_INCORRECT;  // also for the try that locks it: that try was spent
  }
  stored.retries_left = stored.retries_max;
  if (retries != nullptr) *retries = stored.retries_left;
  return save_counters(device);
}

bool acceptable_new_pin(const char* pin) {
  const auto text = name_arg(pin, 16);
  return text && text->size() >= 6;
}

}  // namespace

extern "C" {

ULONG DEVAPI SKF_WaitForDevEvent(LPSTR szDevName, ULONG* pulDevNameLen, ULONG* pulEvent) {
  if (pulDevNameLen == nullptr || pulEvent == nullptr) return SAR_INVALIDPARAMERR;
  g_cancel_wait = false;
  while (!g_cancel_wait) {
    std::unique_lock lock(module_mutex());
    std::vector<std::string>& known = seen_present();
    const std::vector<std::string> now = present_serials();
    for (ULONG event : {SKF_EVENT_INSERTED, SKF_EVENT_REMOVED}) {
      const auto& from = event == SKF_EVENT_INSERTED ? now : known;
      const auto& in = event == SKF_EVENT_INSERTED ? known : now;
      for (const std::string& serial : from) {
        if (std::find(in.begin(), in.end(), serial) != in.end()) continue;
        const ULONG rv = put_bytes(serial.c_str(), serial.size() + 1,
                                   reinterpret_cast<BYTE*>(szDevName), pulDevNameLen);
        if (rv != SAR_OK) return rv;
        *pulEvent = event;
        if (szDevName == nullptr) return SAR_OK;  // a size query: the event stays pending
        // Only an event delivered counts as seen; others stay pending for the next wait.
        if (event == SKF_EVENT_INSERTED)
          known.push_back(serial);
        else
          known.erase(std::find(known.begin(), known.end(), serial));
        return SAR_OK;
      }
    }
    lock.unlock();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return SAR_NOT_EVENTERR;
}

ULONG DEVAPI SKF_CancelWaitForDevEvent(void) {
  g_cancel_wait = true;
  return SAR_OK;
}

ULONG DEVAPI SKF_EnumDev(BOOL bPresent, LPSTR szNameList, ULONG* pulSize) {
  std::lock_guard lock(module_mutex());
  seen_present() = present_serials();
  return put_name_list(bPresent ? seen_present() : device_files(), szNameList, pulSize);
}

ULONG DEVAPI SKF_ConnectDev(LPSTR szName, DEVHANDLE* phDev) {
  std::lock_guard lock(module_mutex());
  const auto name = name_arg(szName);
  if (!name || phDev == nullptr) return SAR_INVALIDPARAMERR;
  Device device;
  if (const ULONG rv = load_present(*name, device); rv != SAR_OK) return rv;
  *phDev = devices().add({*name, {}});
  return SAR_OK;
}

ULONG DEVAPI SKF_DisConnectDev(DEVHANDLE hDev) {
  std::lock_guard lock(module_mutex());
  DeviceHandle* d = devices().get(hDev);
  if (d == nullptr) return SAR_INVALIDHANDLEERR;
  security().authenticated_devices.erase(d->serial);
  devices().remove(hDev);
  return SAR_OK;
}

ULONG DEVAPI SKF_GetDevState(LPSTR szDevName, ULONG* pulDevState) {
  std::lock_guard lock(module_mutex());
  const auto name = name_arg(szDevName);
  if (!name || pulDevState == nullptr) return SAR_INVALIDPARAMERR;
  Device device;
  *pulDevState = load_present(*name, device) == SAR_OK ? DEV_PRESENT_STATE : DEV_ABSENT_STATE;
  return SAR_OK;
}

ULONG DEVAPI SKF_GetDevInfo(DEVHANDLE hDev, DEVINFO* pDevInfo) {
  std::lock_guard lock(module_mutex());
  DeviceHandle* d = devices().get(hDev);
  if (d == nullptr) return SAR_INVALIDHANDLEERR;
  if (pDevInfo == nullptr) return SAR_INVALIDPARAMERR;
  Device device;
  if (const ULONG rv = load_present(d->serial, device); rv != SAR_OK) return rv;
  DEVINFO info;
  std::memset(&info, 0, sizeof info);
  info.Version = {1, 0};
  std::strncpy(info.Manufacturer, device.manufacturer.c_str(), sizeof info.Manufacturer - 1);
  std::strncpy(info.Issuer, "CertRenew tests", sizeof info.Issuer - 1);
  std::strncpy(info.Label, device.label.c_str(), sizeof info.Label - 1);
  std::strncpy(info.SerialNumber, device.serial.c_str(), sizeof info.SerialNumber - 1);
  info.HWVersion = {1, 0};
  info.FirmwareVersion = {1, 0};
  info.AlgSymCap = SGD_SM4_ECB | SGD_SM4_CBC;
  info.AlgAsymCap = SGD_SM2_1 | SGD_SM2_3 | SGD_RSA;
  info.AlgHashCap = SGD_SM3 | SGD_SHA256;
  info.DevAuthAlgId = SGD_SM4_ECB;
  info.TotalSpace = 64 * 1024;
  info.FreeSpace = 32 * 1024;
  info.MaxECCBufferSize = 256;
  info.MaxBufferSize = 2048;
  if (!current_faults().natural_align) {
    *pDevInfo = info;
    return SAR_OK;
  }
  // A library built without pack(1): the ULONGs start at 200, not 198; 296 bytes in all.
  auto* out = reinterpret_cast<BYTE*>(pDevInfo);
  const std::size_t head = offsetof(DEVINFO, AlgSymCap);
  std::memcpy(out, &info, head);
  out[head] = out[head + 1] = 0;
  std::memcpy(out + head + 2, reinterpret_cast<const BYTE*>(&info) + head, sizeof info - head);
  return SAR_OK;
}

ULONG DEVAPI SKF_GenRandom(DEVHANDLE hDev, BYTE* pbRandom, ULONG ulRandomLen) {
  std::lock_guard lock(module_mutex());
  DeviceHandle* d = devices().get(hDev);
  if (d == nullptr) return SAR_INVALIDHANDLEERR;
  if (pbRandom == nullptr || ulRandomLen == 0 || ulRandomLen > 1024) return SAR_INVALIDPARAMERR;
  if (!random_bytes(pbRandom, ulRandomLen)) return SAR_GENRANDERR;
  d->challenge.assign(pbRandom, pbRandom + ulRandomLen);
  return SAR_OK;
}

// The standard's device authentication: the host takes 8 random bytes from the device, pads
// them with zeros to a block, encrypts with the device-authentication key (SM4-ECB here), and
// sends the block back.
ULONG DEVAPI SKF_DevAuth(DEVHANDLE hDev, BYTE* pbAuthData, ULONG ulLen) {
  std::lock_guard lock(module_mutex());
  DeviceHandle* d = devices().get(hDev);
  if (d == nullptr) return SAR_INVALIDHANDLEERR;
  if (pbAuthData == nullptr || ulLen != 16) return SAR_INVALIDPARAMERR;
  Device device;
  if (const ULONG rv = load_present(d->serial, device); rv != SAR_OK) return rv;
  if (d->challenge.size() != 8) return SAR_FAIL;  // no challenge asked for
  Bytes block = d->challenge;
  block.resize(16, 0);
  d->challenge.clear();  // one try per challenge
  if (sm4_ecb_encrypt(device.dev_auth_key, block) != Bytes(pbAuthData, pbAuthData + 16))
    return SAR_FAIL;
  security().authenticated_devices.insert(d->serial);
  return SAR_OK;
}

ULONG DEVAPI SKF_EnumApplication(DEVHANDLE hDev, LPSTR szAppName, ULONG* pulSize) {
  std::lock_guard lock(module_mutex());
  DeviceHandle* d = devices().get(hDev);
  if (d == nullptr) return SAR_INVALIDHANDLEERR;
  Device device;
  if (const ULONG rv = load_present(d->serial, device); rv != SAR_OK) return rv;
  std::vector<std::string> names;
  for (const Application& app : device.applications) names.push_back(app.name);
  return put_name_list(names, szAppName, pulSize);
}

ULONG DEVAPI SKF_OpenApplication(DEVHANDLE hDev, LPSTR szAppName, HAPPLICATION* phApplication) {
  std::lock_guard lock(module_mutex());
  DeviceHandle* d = devices().get(hDev);
  if (d == nullptr) return SAR_INVALIDHANDLEERR;
  const auto name = name_arg(szAppName, 32);
  if (!name || phApplication == nullptr) return SAR_INVALIDPARAMERR;
  Device device;
  if (const ULONG rv = load_present(d->serial, device); rv != SAR_OK) return rv;
  if (device.find(*name) == nullptr) return SAR_APPLICATION_NOT_EXISTS;
  *phApplication = applications().add({d->serial, *name});
  return SAR_OK;
}

ULONG DEVAPI SKF_CloseApplication(HAPPLICATION hApplication) {
  std::lock_guard lock(module_mutex());
  return applications().remove(hApplication) ? SAR_OK : SAR_INVALIDHANDLEERR;
}

ULONG DEVAPI SKF_GetPINInfo(HAPPLICATION hApplication, ULONG ulPINType, ULONG* pulMaxRetryCount,
                            ULONG* pulRemainRetryCount, BOOL* pbDefaultPin) {
  std::lock_guard lock(module_mutex());
  PinCall c;
  if (const ULONG rv = load_pin(hApplication, ulPINType, c); rv != SAR_OK) return rv;
  if (pulMaxRetryCount == nullptr || pulRemainRetryCount == nullptr || pbDefaultPin == nullptr)
    return SAR_INVALIDPARAMERR;
  *pulMaxRetryCount = c.pin->retries_max;
  *pulRemainRetryCount = c.pin->retries_left;
  *pbDefaultPin = c.pin->is_default ? TRUE : FALSE;
  return SAR_OK;
}

ULONG DEVAPI SKF_VerifyPIN(HAPPLICATION hApplication, ULONG ulPINType, LPSTR szPIN,
                           ULONG* pulRetryCount) {
  std::lock_guard lock(module_mutex());
  PinCall c;
  if (const ULONG rv = load_pin(hApplication, ulPINType, c); rv != SAR_OK) return rv;
  const std::string key = c.handle->serial + "/" + c.handle->app;
  auto& logged_in = ulPINType == USER_TYPE ? security().user_logged_in : security().admin_logged_in;
  logged_in.erase(key);
  const ULONG rv = check_pin(c.device, *c.pin, szPIN, pulRetryCount);
  if (rv == SAR_OK) logged_in.insert(key);
  return rv;
}

ULONG DEVAPI SKF_ChangePIN(HAPPLICATION hApplication, ULONG ulPINType, LPSTR szOldPin,
                           LPSTR szNewPin, ULONG* pulRetryCount) {
  std::lock_guard lock(module_mutex());
  PinCall c;
  if (const ULONG rv = load_pin(hApplication, ulPINType, c); rv != SAR_OK) return rv;
  if (!acceptable_new_pin(szNewPin)) return SAR_PIN_LEN_RANGE;
  if (const ULONG rv = check_pin(c.device, *c.pin, szOldPin, pulRetryCount); rv != SAR_OK)
    return rv;
  c.pin->sha256 = sha256_hex(szNewPin);
  c.pin->is_default = false;
  return save_counters(c.device);
}

ULONG DEVAPI SKF_UnblockPIN(HAPPLICATION hApplication, LPSTR szAdminPIN, LPSTR szNewUserPIN,
                            ULONG* pulRetryCount) {
  std::lock_guard lock(module_mutex());
  AppCall c;
  if (const ULONG rv = load_app(hApplication, c); rv != SAR_OK) return rv;
  if (!acceptable_new_pin(szNewUserPIN)) return SAR_PIN_LEN_RANGE;
  if (const ULONG rv = check_pin(c.device, c.app->admin, szAdminPIN, pulRetryCount); rv != SAR_OK)
    return rv;
  c.app->user.sha256 = sha256_hex(szNewUserPIN);
  c.app->user.retries_left = c.app->user.retries_max;
  c.app->user.is_default = false;
  return save_counters(c.device);
}

ULONG DEVAPI SKF_ClearSecureState(HAPPLICATION hApplication) {
  std::lock_guard lock(module_mutex());
  AppHandle* h = applications().get(hApplication);
  if (h == nullptr) return SAR_INVALIDHANDLEERR;
  security().user_logged_in.erase(h->serial + "/" + h->app);
  security().admin_logged_in.erase(h->serial + "/" + h->app);
  return SAR_OK;
}

}  // extern "C"
