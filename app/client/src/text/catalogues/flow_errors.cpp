// Why a step of the renewal could not be taken (FlowError messages made from token and service
// errors). {} is filled with the same arguments in both languages; zh-CN leaves out the
// untranslated technical detail (it stays in FlowError::detail()).
#include <array>

#include "certrenew/client/catalogues.hpp"

namespace certrenew::client::catalogues {
namespace {

constexpr std::array<CatalogueEntry, 20> kEntries = {{
    {"token.locked",
     "证书介质因多次输入错误密码已被锁定，无法继续使用。请携带证书介质到营业厅解锁。",
     "The token is locked after too many wrong PINs. It cannot be used until it is unblocked; "
     "bring it to the CA's service hall."},
    {"pin.incorrect", "证书密码（PIN）错误。", "The PIN is incorrect."},
    // Appended to pin.incorrect.
    {"pin.tries_left", "还可尝试 {} 次。", " {} tries left."},
    {"pin.last_try", "还可尝试 1 次。再输错一次，证书介质将被锁定。",
     " 1 try left. One more wrong PIN locks the token."},
    {"pin.tries_unknown", "该证书介质不提供剩余尝试次数。",
     " The token does not say how many tries are left."},
    {"pin.invalid", "密码为空或格式不符合该证书介质的要求，未提交给证书介质，未消耗尝试次数。",
     "The PIN is empty or not in the form this token accepts; it was not sent to the token, so "
     "no try was used."},
    {"token.missing", "证书介质已被拔出。请重新插入后重试此步骤。",
     "The token was removed. Plug it in again and repeat the step."},
    {"token.failure", "证书介质报告错误：{}", "The token reported an error: {}"},
    {"service.tls", "无法验证续期服务的身份（TLS），未发送任何数据。",
     "The renewal service's identity could not be verified (TLS), so nothing was sent. {}"},
    {"service.bad_endpoint", "续期服务的地址或信任证书文件无法使用，请检查配置。",
     "The renewal service's address or trust file is unusable: {}"},
    {"service.unreachable", "无法连接续期服务，未做任何更改。请检查网络后重试。",
     "The renewal service cannot be reached; nothing was changed. {}"},
    // When the service's refusal carries no Chinese message of its own (English: its own).
    {"service.refused", "续期服务未能处理该请求（状态码 {}），请稍后重试。",
     "The renewal service could not handle the request (status {}); please try again later."},
    {"submission.kept",
     "已签署的申请未得到续期服务的答复。申请及其新密钥已保存在本机，再次提交时将重新发送，续期服务"
     "会返回"
     "同一份申请。",
     "The signed application did not get an answer from the renewal service ({}). It is kept on "
     "this computer with its new key and sent again when you submit again; the service answers "
     "it with the same application."},
    // Appended to a signing error after the new key was generated.
    {"key.kept", "证书介质上已生成的新密钥已保留，重试时将继续使用。",
     " The new key already generated on the token is kept and used again when you retry."},
    // Choosing the certificate to renew ({} = what the person typed, a list, a serial number).
    {"certificate.none", "未在任何证书介质上找到证书。请插入证书介质后重试。",
     "No certificate was found on any token. Plug in the token and try again."},
    {"certificate.no_match", "没有与“{}”匹配的证书。", "No certificate matches \"{}\"."},
    {"certificate.ambiguous", "有多张证书符合条件，请用指纹选择其中一张：{}",
     "Several certificates match; choose one by fingerprint:{}"},
    {"token.not_plugged_in", "未检测到序列号为 {} 的证书介质，请插入后重试。",
     "The token with serial number {} is not plugged in. Plug it in and try again."},
    // Issue 16, 2: a renewed certificate is not renewed again.
    {"certificate.renewed_on_token",
     "该证书已续期：证书介质上已有同一主体的新证书（有效期至 {}），无需再次续期，请使用新证书。",
     "This certificate has already been renewed: the token holds a newer certificate of the same "
     "subject (valid until {}). Use that one; this one needs no renewal."},
    {"certificate.renewed", "该证书已续期（业务单号 {}），无需再次续期，请使用新证书。",
     "This certificate has already been renewed (business number {}); it needs no renewal. Use "
     "the new certificate."},
}};

}  // namespace

const Catalogue& flow_errors() {
  static constexpr Catalogue catalogue{"client_flow_errors", kEntries};
  return catalogue;
}

}  // namespace certrenew::client::catalogues
