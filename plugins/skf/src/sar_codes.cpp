#include "sar_codes.hpp"

#include <array>
#include <cstdio>

#include "bridge_error.hpp"

namespace certrenew::skf {

namespace {

struct SarInfo {
  ULONG rv;
  const char* name;
  const char* sentence;
  crt_status status;
};

// Every SAR_* of GM/T 0016-2012. The status column is what the host reacts to: PIN problems, a
// missing token, a full token, bad input.
// clang-format off
#define SAR(code, status, sentence) SarInfo{code, #code, sentence, CRT_ERR_##status}
constexpr std::array kReturnValues = {
    SarInfo{SAR_OK, "SAR_OK", "success (成功)", CRT_OK},
    SAR(SAR_FAIL,                      DEVICE,            "the device could not carry out the request (失败)"),
    SAR(SAR_UNKNOWNERR,                DEVICE,            "an unknown error on the device (异常错误)"),
    SAR(SAR_NOTSUPPORTYETERR,          NOT_SUPPORTED,     "the library does not offer this service (不支持的服务)"),
    SAR(SAR_FILEERR,                   DEVICE,            "a file operation on the device failed (文件操作错误)"),
    SAR(SAR_INVALIDHANDLEERR,          TOKEN_NOT_PRESENT, "the device handle is no longer valid; was the key re-plugged? (无效的句柄)"),
    SAR(SAR_INVALIDPARAMERR,           ARGUMENTS,         "the library refused a parameter (无效的参数)"),
    SAR(SAR_READFILEERR,               DEVICE,            "reading from the device failed (读文件错误)"),
    SAR(SAR_WRITEFILEERR,              DEVICE,            "writing to the device failed; nothing was changed (写文件错误)"),
    SAR(SAR_NAMELENERR,                ARGUMENTS,         "a name is too long for the device (名称长度错误)"),
    SAR(SAR_KEYUSAGEERR,               NOT_SUPPORTED,     "the key may not be used this way (密钥用途错误)"),
    SAR(SAR_MODULUSLENERR,             NOT_SUPPORTED,     "the device does not offer this key size (模的长度错误)"),
    SAR(SAR_NOTINITIALIZEERR,          DEVICE,            "the device is not initialised (未初始化)"),
    SAR(SAR_OBJERR,                    DEVICE,            "an object on the device is damaged (对象错误)"),
    SAR(SAR_MEMORYERR,                 GENERAL,           "out of memory (内存错误)"),
    SAR(SAR_TIMEOUTERR,                DEVICE,            "the device did not answer in time (超时)"),
    SAR(SAR_INDATALENERR,              DATA_INVALID,      "the input data has the wrong length (输入数据长度错误)"),
    SAR(SAR_INDATAERR,                 DATA_INVALID,      "the input data is not acceptable (输入数据错误)"),
    SAR(SAR_GENRANDERR,                DEVICE,            "the device could not make random numbers (生成随机数错误)"),
    SAR(SAR_HASHOBJERR,                DEVICE,            "a hash object is wrong (HASH 对象错)"),
    SAR(SAR_HASHERR,                   DEVICE,            "hashing failed (HASH 运算错误)"),
    SAR(SAR_GENRSAKEYERR,              DEVICE,            "the device could not generate the RSA key (产生 RSA 密钥错)"),
    SAR(SAR_RSAMODULUSLENERR,          NOT_SUPPORTED,     "the device does not offer this RSA key size (RSA 密钥模长错误)"),
    SAR(SAR_CSPIMPRTPUBKEYERR,         DEVICE,            "the CSP could not import the public key (CSP 服务导入公钥错误)"),
    SAR(SAR_RSAENCERR,                 DEVICE,            "RSA encryption failed (RSA 加密错误)"),
    SAR(SAR_RSADECERR,                 DEVICE,            "RSA decryption failed (RSA 解密错误)"),
    SAR(SAR_HASHNOTEQUALERR,           DATA_INVALID,      "the hash values differ (HASH 值不相等)"),
    SAR(SAR_KEYNOTFOUNTERR,            OBJECT_NOT_FOUND,  "the key is not on the device (密钥未发现)"),
    SAR(SAR_CERTNOTFOUNTERR,           OBJECT_NOT_FOUND,  "the certificate is not on the device (证书未发现)"),
    SAR(SAR_NOTEXPORTERR,              NOT_SUPPORTED,     "the object cannot be exported (对象未导出)"),
    SAR(SAR_DECRYPTPADERR,             DATA_INVALID,      "the padding is wrong after decryption (解密时做补丁错误)"),
    SAR(SAR_MACLENERR,                 DATA_INVALID,      "the MAC has the wrong length (MAC 长度错误)"),
    SAR(SAR_BUFFER_TOO_SMALL,          BUFFER_TOO_SMALL,  "the buffer is too small (缓冲区不足)"),
    SAR(SAR_KEYINFOTYPEERR,            DATA_INVALID,      "the key type is wrong (密钥类型错误)"),
    SAR(SAR_NOT_EVENTERR,              GENERAL,           "no device event happened (无事件错误)"),
    SAR(SAR_DEVICE_REMOVED,            TOKEN_NOT_PRESENT, "the key was removed (设备已移除)"),
    SAR(SAR_PIN_INCORRECT,             PIN_INCORRECT,     "the PIN is incorrect (PIN 码不正确)"),
    SAR(SAR_PIN_LOCKED,                PIN_LOCKED,        "the PIN is locked (PIN 码被锁死)"),
    SAR(SAR_PIN_INVALID,               PIN_INVALID,       "the PIN is not valid (PIN 码无效)"),
    SAR(SAR_PIN_LEN_RANGE,             PIN_INVALID,       "the PIN is too short or too long (PIN 码长度错误)"),
    SAR(SAR_USER_ALREADY_LOGGED_IN,    GENERAL,           "the user is logged in already (用户已经登录)"),
    SAR(SAR_USER_PIN_NOT_INITIALIZED,  PIN_INVALID,       "no user PIN has been set (没有初始化用户口令)"),
    SAR(SAR_USER_TYPE_INVALID,         ARGUMENTS,         "the PIN type is not valid (PIN 码类型错误)"),
    SAR(SAR_APPLICATION_NAME_INVALID,  CONFIG,            "the application name is not valid (应用名称无效)"),
    SAR(SAR_APPLICATION_EXISTS,        OBJECT_EXISTS,     "the application exists already (应用已经存在)"),
    SAR(SAR_USER_NOT_LOGGED_IN,        NOT_LOGGED_IN,     "log in to the key first (用户没有登录)"),
    SAR(SAR_APPLICATION_NOT_EXISTS,    TOKEN_NOT_PRESENT, "the application is not on the key (应用不存在)"),
    SAR(SAR_FILE_ALREADY_EXIST,        OBJECT_EXISTS,     "an object with that name exists already (文件已经存在)"),
    SAR(SAR_NO_ROOM,                   TOKEN_FULL,        "the key has no room left (空间不足)"),
    SAR(SAR_FILE_NOT_EXIST,            OBJECT_NOT_FOUND,  "no object with that name (文件不存在)"),
    SAR(SAR_REACH_MAX_CONTAINER_COUNT, TOKEN_FULL,        "the key holds as many containers as it can (已达到最大可管理容器数)"),
};
#undef SAR
// clang-format on

const SarInfo* find(ULONG rv) {
  for (const SarInfo& info : kReturnValues)
    if (info.rv == rv) return &info;
  return nullptr;
}

std::string hex(ULONG rv) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%08X", static_cast<unsigned>(rv));
  return text;
}

}  // namespace

std::string sar_name(ULONG rv) {
  const SarInfo* info = find(rv);
  return info != nullptr ? info->name : "unknown SAR " + hex(rv);
}

std::string_view sar_sentence(ULONG rv) {
  const SarInfo* info = find(rv);
  return info != nullptr ? info->sentence
                         : "an error the standard does not define (标准未定义的错误)";
}

crt_status sar_status(ULONG rv) {
  const SarInfo* info = find(rv);
  return info != nullptr ? info->status : CRT_ERR_GENERAL;
}

std::string describe_sar(std::string_view function, ULONG rv) {
  std::string text(function);
  text += " returned " + sar_name(rv);
  if (find(rv) != nullptr) text += " (" + hex(rv) + ")";
  text += ": ";
  text += sar_sentence(rv);
  return text;
}

void throw_sar(ULONG rv, std::string_view function, std::string_view doing) {
  fail(sar_status(rv), std::string(doing) + ": " + describe_sar(function, rv));
}

void check_sar(ULONG rv, std::string_view function, std::string_view doing) {
  if (rv != SAR_OK) throw_sar(rv, function, doing);
}

}  // namespace certrenew::skf
