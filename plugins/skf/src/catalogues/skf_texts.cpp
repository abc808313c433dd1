#include "skf_texts.hpp"

#include <array>

namespace certrenew::skf {

namespace {

using enum SkfText;

// clang-format off
constexpr std::array<SkfTextPair, static_cast<std::size_t>(SkfText::count_)> kTexts = {{
    {sar_ok, "success",
     "成功"},
    {sar_fail, "the device could not carry out the request",
     "失败"},
    {sar_unknownerr, "an unknown error on the device",
     "异常错误"},
    {sar_notsupportyeterr, "the library does not offer this service",
     "不支持的服务"},
    {sar_fileerr, "a file operation on the device failed",
     "文件操作错误"},
    {sar_invalidhandleerr, "the device handle is no longer valid; was the key re-plugged?",
     "无效的句柄"},
    {sar_invalidparamerr, "the library refused a parameter",
     "无效的参数"},
    {sar_readfileerr, "reading from the device failed",
     "读文件错误"},
    {sar_writefileerr, "writing to the device failed; nothing was changed",
     "写文件错误"},
    {sar_namelenerr, "a name is too long for the device",
     "名称长度错误"},
    {sar_keyusageerr, "the key may not be used this way",
     "密钥用途错误"},
    {sar_moduluslenerr, "the device does not offer this key size",
     "模的长度错误"},
    {sar_notinitializeerr, "the device is not initialised",
     "未初始化"},
    {sar_objerr, "an object on the device is damaged",
     "对象错误"},
    {sar_memoryerr, "out of memory",
     "内存错误"},
    {sar_timeouterr, "the device did not answer in time",
     "超时"},
    {sar_indatalenerr, "the input data has the wrong length",
     "输入数据长度错误"},
    {sar_indataerr, "the input data is not acceptable",
     "输入数据错误"},
    {sar_genranderr, "the device could not make random numbers",
     "生成随机数错误"},
    {sar_hashobjerr, "a hash object is wrong",
     "HASH 对象错"},
    {sar_hasherr, "hashing failed",
     "HASH 运算错误"},
    {sar_genrsakeyerr, "the device could not generate the RSA key",
     "产生 RSA 密钥错"},
    {sar_rsamoduluslenerr, "the device does not offer this RSA key size",
     "RSA 密钥模长错误"},
    {sar_cspimprtpubkeyerr, "the CSP could not import the public key",
     "CSP 服务导入公钥错误"},
    {sar_rsaencerr, "RSA encryption failed",
     "RSA 加密错误"},
    {sar_rsadecerr, "RSA decryption failed",
     "RSA 解密错误"},
    {sar_hashnotequalerr, "the hash values differ",
     "HASH 值不相等"},
    {sar_keynotfounterr, "the key is not on the device",
     "密钥未发现"},
    {sar_certnotfounterr, "the certificate is not on the device",
     "证书未发现"},
    {sar_notexporterr, "the object cannot be exported",
     "对象未导出"},
    {sar_decryptpaderr, "the padding is wrong after decryption",
     "解密时做补丁错误"},
    {sar_maclenerr, "the MAC has the wrong length",
     "MAC 长度错误"},
    {sar_buffer_too_small, "the buffer is too small",
     "缓冲区不足"},
    {sar_keyinfotypeerr, "the key type is wrong",
     "密钥类型错误"},
    {sar_not_eventerr, "no device event happened",
     "无事件错误"},
    {sar_device_removed, "the key was removed",
     "设备已移除"},
    {sar_pin_incorrect, "the PIN is incorrect",
     "PIN 码不正确"},
    {sar_pin_locked, "the PIN is locked",
     "PIN 码被锁死"},
    {sar_pin_invalid, "the PIN is not valid",
     "PIN 码无效"},
    {sar_pin_len_range, "the PIN is too short or too long",
     "PIN 码长度错误"},
    {sar_user_already_logged_in, "the user is logged in already",
     "用户已经登录"},
    {sar_user_pin_not_initialized, "no user PIN has been set",
     "没有初始化用户口令"},
    {sar_user_type_invalid, "the PIN type is not valid",
     "PIN 码类型错误"},
    {sar_application_name_invalid, "the application name is not valid",
     "应用名称无效"},
    {sar_application_exists, "the application exists already",
     "应用已经存在"},
    {sar_user_not_logged_in, "log in to the key first",
     "用户没有登录"},
    {sar_application_not_exists, "the application is not on the key",
     "应用不存在"},
    {sar_file_already_exist, "an object with that name exists already",
     "文件已经存在"},
    {sar_no_room, "the key has no room left",
     "空间不足"},
    {sar_file_not_exist, "no object with that name",
     "文件不存在"},
    {sar_reach_max_container_count, "the key holds as many containers as it can",
     "已达到最大可管理容器数"},
    {sar_undefined, "an error the standard does not define",
     "标准未定义的错误"},
    {container_missing, "no container named {}",
     "容器不存在"},
    {container_id_missing, "no container with that id",
     "容器不存在"},
    {no_device_auth, "the SKF library offers no device authentication (SKF_GenRandom/SKF_DevAuth)",
     "该库不支持设备认证"},
    {device_auth_algorithm, "the key authenticates with algorithm {}; the bridge does SM4-ECB only",
     "设备认证算法不受支持"},
    {key_not_plugged, "no key with id {} is plugged in",
     "未找到该密钥"},
    {list_unstable, "{}: the list kept changing size",
     "列表持续变化"},
    {key_removed, "the key {} was removed",
     "密钥已拔出"},
    {login_first, "log in to the key first",
     "请先登录"},
    {no_signing_key, "the container holds no signing key",
     "容器中没有签名密钥"},
    {no_signing_certificate, "the container holds no signing certificate",
     "容器中没有签名证书"},
    {library_needed, "\"library\" is needed: the path of the vendor's SKF library",
     "需要厂商 SKF 库的路径"},
    {sm2_blob_bits, "the key's public key blob says {} bits; SM2 has 256",
     "公钥数据格式错误"},
    {sm2_point_missing, "the key's public key blob holds no point on the SM2 curve",
     "公钥不在 SM2 曲线上"},
    {rsa_blob_bits, "the RSA public key blob says {} bits",
     "公钥数据格式错误"},
    {rsa_blob_invalid, "the RSA public key blob is not a valid key",
     "公钥数据格式错误"},
    {signature_unverified, "the key returned a signature that does not verify with its public key",
     "签名验证失败"},
    {function_missing, "the SKF library offers no {}",
     "该库不支持 {}"},
    {sign_algorithm, "an SKF key signs with SM2 or RSA only",
     "仅支持 SM2 与 RSA 签名"},
    {rsa_signature_length, "the RSA signature has the wrong length",
     "签名长度错误"},
    {key_type_unsupported, "an SKF key cannot make {}",
     "仅支持 SM2 与 RSA 密钥"},
    {certificate_malformed, "the certificate is not one DER X.509 certificate",
     "证书格式错误"},
    {certificate_present, "the container holds a signing certificate already",
     "容器中已有签名证书"},
    {certificate_mismatch, "the certificate is not for the key in this container",
     "证书与容器中的密钥不匹配"},
    {certificate_alone, "SKF keeps a certificate in its key's container and cannot remove it alone; deleting the key removes both",
     "SKF 无法单独删除证书，删除密钥时一并删除"},
    {pin_unusable, "{} is empty or holds a NUL character; no try was spent",
     "PIN 码为空或含非法字符，未消耗重试次数"},
    {pin_now_locked, "the PIN is now locked",
     "PIN 码已锁死"},
    {one_try_left, "{} try left",
     "还剩 {} 次"},
    {tries_left, "{} tries left",
     "还剩 {} 次"},
    {pin_locked_no_try, "the PIN is locked; no try was spent: {}",
     "PIN 码已锁死，{1}"},
    {pin_incorrect, "the PIN is incorrect",
     "PIN 码错误"},
    {unblock_hint, "unblock it with the administrator PIN: certrenew-cli pin unblock",
     "请用管理员 PIN 解锁"},
    {admin_locked_hint, "the administrator PIN is locked too: only the issuer can reset the key",
     "管理员 PIN 也已锁死，请联系发证机构"},
    {pin_typed_needed, "an SKF key needs the PIN typed in CertRenew",
     "需要输入 PIN 码"},
    {no_change_pin, "the SKF library offers no SKF_ChangePIN",
     "该库不支持修改 PIN"},
    {no_unblock_pin, "the SKF library offers no SKF_UnblockPIN",
     "该库不支持解锁 PIN"},
    {new_pin_refused, "the key refused the new PIN",
     "新 PIN 码不符合要求"},
    {library_unloadable, "cannot load the SKF library {}",
     "无法加载 SKF 库"},
    {not_skf_library, "{} is not an SKF (GM/T 0016) library: it lacks {}",
     "不是 SKF 库: 缺少 {1}"},
    {encryption_half_kept, "the container also holds an encryption key pair or certificate; it is kept so that they are not lost",
     "容器中还有加密密钥或加密证书，为免丢失，未删除该容器"},
}};
// clang-format on

std::string fill(std::string_view pattern, std::initializer_list<std::string_view> args) {
  std::string text;
  std::size_t next = 0;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    // "{}" takes the next argument, "{N}" (one digit) argument N.
    const bool numbered = i + 2 < pattern.size() && pattern[i] == '{' && pattern[i + 1] >= '0' &&
                          pattern[i + 1] <= '9' && pattern[i + 2] == '}';
    const bool plain = pattern.compare(i, 2, "{}") == 0;
    const std::size_t which = numbered ? static_cast<std::size_t>(pattern[i + 1] - '0')
                              : plain  ? next++
                                       : args.size();
    if (which < args.size()) {
      text += *(args.begin() + which);
      i += numbered ? 2 : 1;
    } else {
      text += pattern[i];
    }
  }
  return text;
}

}  // namespace

const SkfTextPair& skf_text(SkfText id) {
  return kTexts.at(static_cast<std::size_t>(id));
}

std::string say(SkfText id, std::initializer_list<std::string_view> args) {
  const SkfTextPair& text = skf_text(id);
  return fill(text.english, args) + " (" + fill(text.chinese, args) + ")";
}

}  // namespace certrenew::skf
