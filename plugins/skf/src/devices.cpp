#include "devices.hpp"

#include <certrenew/driver_kit/openssl.hpp>

#include <algorithm>

#include "catalogues/skf_texts.hpp"
#include "sar_codes.hpp"

namespace certrenew::skf {

std::vector<std::string> split_name_list(const std::vector<char>& buf) {
  std::vector<std::string> names;
  std::size_t start = 0;
  while (start < buf.size()) {
    const auto end = std::find(buf.begin() + static_cast<std::ptrdiff_t>(start), buf.end(), '\0');
    const std::string name(buf.begin() + static_cast<std::ptrdiff_t>(start), end);
    if (name.empty()) break;  // the list's final NUL
    names.push_back(name);
    start += name.size() + 1;
  }
  return names;
}

namespace {

// The handles SKF opens: a connection or object owns one only once the call succeeded.
DEVHANDLE connect_device(const SkfFunctions& api, const std::string& device_name) {
  std::string name = device_name;  // LPSTR: the standard's signature is not const
  DEVHANDLE handle = nullptr;
  check_sar(api.SKF_ConnectDev(name.data(), &handle), "SKF_ConnectDev",
            "connecting to the key " + device_name);
  return handle;
}

HAPPLICATION open_application(const SkfFunctions& api, DEVHANDLE device,
                              const std::string& application) {
  std::string name = application;
  HAPPLICATION handle = nullptr;
  check_sar(api.SKF_OpenApplication(device, name.data(), &handle), "SKF_OpenApplication",
            "opening the application " + application);
  return handle;
}

}  // namespace

DeviceConnection::DeviceConnection(const SkfFunctions& api, const std::string& device_name)
    : handle_(api, connect_device(api, device_name)) {}

void DeviceConnection::authenticate(const Secret& key, ULONG algorithm) {
  const SkfFunctions& api = handle_.api();
  if (api.SKF_GenRandom == nullptr || api.SKF_DevAuth == nullptr)
    fail(CRT_ERR_NOT_SUPPORTED, say(SkfText::no_device_auth));
  if (algorithm != SGD_SM4_ECB && algorithm != 0)
    fail(CRT_ERR_NOT_SUPPORTED, say(SkfText::device_auth_algorithm, {std::to_string(algorithm)}));
  BYTE random[8];
  check_sar(api.SKF_GenRandom(handle_.get(), random, sizeof random), "SKF_GenRandom",
            "asking the key for a device-authentication challenge");
  unsigned char block[16] = {};
  std::copy(random, random + 8, block);
  unsigned char cipher[32];
  int len = 0, tail = 0;
  kit::OpenSslPtr<EVP_CIPHER_CTX, EVP_CIPHER_CTX_free> ctx(EVP_CIPHER_CTX_new());
  if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_sm4_ecb(), nullptr, key.data(), nullptr) != 1 ||
      EVP_CIPHER_CTX_set_padding(ctx.get(), 0) != 1 ||
      EVP_EncryptUpdate(ctx.get(), cipher, &len, block, sizeof block) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), cipher + len, &tail) != 1 || len + tail != 16)
    kit::openssl_failure(CRT_ERR_GENERAL, "SM4 for device authentication");
  const ULONG rv = api.SKF_DevAuth(handle_.get(), cipher, 16);
  kit::wipe(cipher, sizeof cipher);
  if (rv != SAR_OK)
    fail(CRT_ERR_CONFIG, "device authentication failed: is \"dev_auth_key\" the key's? (" +
                             describe_sar("SKF_DevAuth", rv) + ")");
}

AppConnection::AppConnection(const SkfFunctions& api, DEVHANDLE device,
                             const std::string& application)
    : handle_(api, open_application(api, device, application)) {}

std::vector<FoundToken> scan_tokens(const SkfFunctions& api, const DriverConfig& config,
                                    std::vector<std::string>* problems) {
  const auto devices =
      read_name_list([&](char* buf, ULONG* size) { return api.SKF_EnumDev(TRUE, buf, size); },
                     "SKF_EnumDev", "listing the keys plugged in");
  std::vector<FoundToken> tokens;
  for (const std::string& device_name : devices) {
    try {
      const DeviceConnection device(api, device_name);
      const DeviceFacts facts = read_device_info(api, device.handle());
      std::vector<std::string> apps;
      for (const std::string& app : read_name_list(
               [&](char*buf, ULONG*size) {
                 return api.SKF_EnumApplication(device.handle(), buf, size);
               },
               "SKF_EnumApplication", "listing the key's applications"))
        if (config.shows_application(app)) apps.push_back(app);
      const std::string serial = facts.serial.empty() ? device_name : facts.serial;
      for (const std::string& app : apps)
        tokens.push_back({apps.size() == 1 ? serial : serial + "/" + app, device_name, app, facts});
    } catch (const DriverError& e) {
      if (problems != nullptr) problems->push_back(device_name + ": " + e.what());
    }
  }
  return tokens;
}

FoundToken find_token(const SkfFunctions& api, const DriverConfig& config, const std::string& id) {
  std::vector<std::string> problems;
  for (FoundToken& token : scan_tokens(api, config, &problems))
    if (token.id == id) return std::move(token);
  std::string text = say(SkfText::key_not_plugged, {id});
  for (const std::string& problem : problems) text += "; " + problem;
  fail(CRT_ERR_TOKEN_NOT_PRESENT, text);
}

PinInfo pin_info(const SkfFunctions& api, HAPPLICATION app, ULONG type) {
  PinInfo info;
  BOOL is_default = FALSE;
  check_sar(api.SKF_GetPINInfo(app, type, &info.max, &info.left, &is_default), "SKF_GetPINInfo",
            "reading the PIN state");
  if (info.left > info.max) info.max = info.left;  // a library that says otherwise is confused
  info.is_default = is_default != FALSE;
  return info;
}

}  // namespace certrenew::skf
