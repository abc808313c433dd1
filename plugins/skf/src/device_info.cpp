#include "device_info.hpp"

#include <cstddef>
#include <cstring>

#include "sar_codes.hpp"

namespace certrenew::skf {

namespace {

std::string field_text(const CHAR* field, std::size_t size) {
  std::size_t len = 0;
  while (len < size && field[len] != '\0') ++len;
  while (len > 0 && (field[len - 1] == ' ' || static_cast<unsigned char>(field[len - 1]) == 0xFF))
    --len;
  return std::string(field, len);
}

bool known_block_cipher(ULONG alg) {
  return alg == SGD_SM1_ECB || alg == SGD_SSF33_ECB || alg == SGD_SM4_ECB;
}

ULONG ulong_at(const BYTE* buf, std::size_t offset) {
  ULONG value = 0;
  std::memcpy(&value, buf + offset, sizeof value);
  return value;
}

}  // namespace

DeviceFacts read_device_info(const SkfFunctions& api, DEVHANDLE device) {
  // Room for the standard's 294 bytes and for any vendor's longer variant of it.
  alignas(8) BYTE buf[1024];
  std::memset(buf, 0, sizeof buf);
  check_sar(api.SKF_GetDevInfo(device, reinterpret_cast<DEVINFO*>(buf)), "SKF_GetDevInfo",
            "reading the key's identity");
  DEVINFO info;
  std::memcpy(&info, buf, sizeof info);
  DeviceFacts facts;
  facts.serial = field_text(info.SerialNumber, sizeof info.SerialNumber);
  facts.label = field_text(info.Label, sizeof info.Label);
  facts.manufacturer = field_text(info.Manufacturer, sizeof info.Manufacturer);
  const std::size_t packed = offsetof(DEVINFO, DevAuthAlgId);
  std::size_t shift = 0;  // 2: a library built without #pragma pack(1)
  for (std::size_t s : {std::size_t{0}, std::size_t{2}})
    if (known_block_cipher(ulong_at(buf, packed + s))) {
      facts.dev_auth_alg = ulong_at(buf, packed + s);
      shift = s;
      break;
    }
  facts.asym_cap = ulong_at(buf, offsetof(DEVINFO, AlgAsymCap) + shift);
  return facts;
}

}  // namespace certrenew::skf
