// Issue 21: SM2 dual certificates (the service's KMC role) and key recovery, in both languages.
#include <array>

#include "service/kmc_text.hpp"

namespace certrenew::server {
namespace {

constexpr std::array<CatalogueEntry, 11> kEntries = {{
    {"encryption.subject_mismatch", "加密证书的主题与签名证书不一致",
     "the encryption certificate's subject differs from the signing certificate's"},
    {"encryption.not_ours", "加密证书不是本机构签发的",
     "the encryption certificate was not issued by this CA"},
    {"encryption.needs_sm2_key",
     "双证书续期要求新的签名密钥为SM2密钥（加密密钥以数字信封封装给它）",
     "a dual-certificate renewal needs an SM2 signing key (the encryption key is sealed to it)"},
    {"encryption.unsupported", "签发机构不能签发SM2加密证书，申请保持待审核",
     "the issuer cannot issue SM2 encryption certificates; the application stays under review"},
    {"recovery.kmc_off", "本服务未启用密钥管理中心（KMC），没有托管的加密密钥",
     "this service runs no key management centre (KMC); no encryption keys are escrowed"},
    {"recovery.state", "只能为审核中或待安装的申请恢复加密密钥",
     "an encryption key can be recovered only for an application under review or approved"},
    {"recovery.unknown_key", "没有该序列号的托管加密密钥",
     "no escrowed encryption key has that serial number"},
    {"recovery.subject_mismatch", "托管密钥的证书主题与该申请的证书主题不一致",
     "the escrowed key's certificate subject differs from the application's"},
    {"recovery.own_key", "该加密密钥就是本申请签发的，已随证书下发",
     "that encryption key was issued with this application and is delivered with it"},
    {"recovery.unavailable", "托管密钥无法解密（主密钥不符或记录被改动），请联系管理员",
     "the escrowed key does not open (another master key, or a changed record); see the logs"},
    {"recovery.bad_serial", "序列号须为十六进制数字", "the serial must be hex digits"},
}};

constexpr Catalogue kCatalogue{"kmc", kEntries};

}  // namespace

const Catalogue& kmc_catalogue() {
  return kCatalogue;
}

ApiError kmc_error(int status, std::string code, std::string_view id, nlohmann::json details) {
  const CatalogueEntry& e = kCatalogue.at(id);
  return ApiError(status, std::move(code), std::string(e.en), std::string(e.zh),
                  std::move(details));
}

}  // namespace certrenew::server
