// Why a step of the renewal could not be taken (FlowError messages made from token and service
// errors). {} is filled with the same arguments in both languages; zh-CN leaves out the
// untranslated technical detail (it stays in FlowError::detail()).
#include <array>

#include "certrenew/client/catalogues.hpp"

namespace certrenew::client::catalogues {
namespace {

constexpr auto kEntries = std::to_array<CatalogueEntry>({
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
    // The flow's own refusals and failures ({} filled as the comment says).
    {"form.incomplete", "申请表尚未填写完整。", "The form has not been completed."},
    {"key.not_on_token", "证书介质上没有该证书对应的私钥，无法签署续期申请。",
     "The private key of this certificate is not on the token, so it cannot sign the renewal."},
    // {} = the token's error (English only).
    {"sign.failed", "无法签署申请，证书介质未能完成签名。",
     "The application could not be signed: {}"},
    // {0} = why the certificate was refused, in English, {1} in Chinese.
    {"install.certificate_refused", "{1}续期证书未写入，原证书不受影响。",
     "{0} The renewed certificate was not written; your current certificate is unchanged."},
    {"install.no_issuer_ca",
     "未配置也未固定签发 CA，无法校验续期证书，证书未写入。请在配置项 issuer_ca 中指定签发 CA "
     "证书。",
     "No issuing CA is configured or pinned, so the renewed certificate cannot be checked and was "
     "not written. Set issuer_ca in the configuration."},
    // {} = why the certificate is unusable.
    {"install.unusable_certificate", "续期服务发送的证书无法使用：{}",
     "The service sent an unusable certificate: {}"},
    {"install.new_key_missing",
     "本次申请生成的密钥已不在证书介质上，续期后的证书无法使用。请联系营业厅。",
     "The key generated for this application is no longer on the token, so the renewed "
     "certificate cannot be used. Contact the CA's service hall."},
    {"install.verification_failed",
     "续期后的证书未通过校验，未写入证书介质，原证书不受影响。请联系证书机构。",
     "The renewed certificate failed verification and was not written to the token; your current "
     "certificate is unchanged. Contact the CA."},
    {"install.slot_taken", "新密钥旁已存有另一张证书，未写入任何内容。",
     "Another certificate is already stored with the new key; nothing was written."},
    {"install.read_back_differs", "从证书介质读回的证书与写入的不一致，安装未确认。请重试。",
     "The certificate read back from the token differs from the one written; the installation "
     "was not confirmed. Try again."},
    // {0} = the action, {1} = the step (flow_words, each in its language).
    {"wrong_step", "续期当前处于“{1}”，现在不能{0}。",
     "You cannot {0} now: the renewal is at \"{1}\"."},
    // {} = the action.
    {"no_application", "尚未提交申请，不能{}。",
     "You cannot {}: no application has been submitted."},
    // {} = why the record could not be saved.
    {"record.not_saved", "无法保存本地申请记录：{}",
     "The application's local record could not be saved: {}"},
    {"certificate.expired",
     "您的数字证书已过期，无法在网上续期。请按照证书办理指引准备所有资料到营业厅办理续期。",
     "This certificate has expired and cannot be renewed online. Bring your documents to the CA's "
     "service hall to renew it there."},
    {"certificate.not_yet_valid", "该证书尚未生效（请检查电脑时间），无法在网上续期。",
     "This certificate is not valid yet (check the computer's clock); it cannot be renewed "
     "online."},
    // {0} = days before expiry, {1} = the date the window opens.
    {"certificate.too_early", "证书到期前 {0} 天起可在网上续期（{1} 起）。",
     "Online renewal opens {0} days before expiry, on {1}."},
    // {} = the open application's business number.
    {"application.open", "该证书已有未完成的续期申请（{}）。",
     "An application for this certificate is already open ({})."},
    {"agreement.not_shown", "尚未显示电子认证服务协议。", "The agreement has not been shown yet."},
    {"agreement.not_accepted", "续期须先接受电子认证服务协议内容。",
     "Renewal needs your acceptance of the electronic certification service agreement."},
    {"cancel.too_late", "付款已确认，不能再撤销申请。",
     "The application can no longer be cancelled: the payment is confirmed."},
    {"form.period_not_offered", "不提供该续期时间，请从列出的时间中选择。",
     "This renewal period is not offered; choose one of the listed periods."},
    // Configuration problems ({} = a file).
    {"trust_file.missing", "信任证书文件 {}（配置项“trust”，续期服务 TLS 的 CA 证书）不存在。",
     "The trust file {} (config key 'trust', the CA certificate of the service's TLS) does not "
     "exist."},
    {"config.no_home", "没有可放置配置文件的位置：环境中没有用户主目录。请用 --config 指定文件。",
     "There is no place for a configuration file: the environment names no home folder. Use "
     "--config FILE."},
    {"data_dir.no_home",
     "没有数据目录：环境中没有用户主目录。请设置 CERTRENEW_DATA_DIR 或使用便携版。",
     "There is no data folder: the environment names no home folder. Set CERTRENEW_DATA_DIR or use "
     "the portable edition."},
    {"log.no_data_dir", "没有可写日志的数据目录。", "There is no data folder for the log."},
    // The issuing CA file ({0} = the file, {1} = why it is unusable, in English only).
    {"issuer_ca.configured.unreadable", "签发 CA 证书文件 {0} 无法读取。",
     "The issuing CA certificate {0} cannot be read."},
    {"issuer_ca.pinned.unreadable", "已固定的签发 CA 证书文件 {0} 无法读取。",
     "The pinned issuing CA {0} cannot be read."},
    {"issuer_ca.configured.too_large", "签发 CA 证书文件 {0} 过大。",
     "The issuing CA certificate {0} is too large."},
    {"issuer_ca.pinned.too_large", "已固定的签发 CA 证书文件 {0} 过大。",
     "The pinned issuing CA {0} is too large."},
    {"issuer_ca.configured.not_a_certificate", "签发 CA 证书文件 {0} 不是证书：{1}。",
     "The issuing CA certificate {0} is not a certificate: {1}."},
    {"issuer_ca.pinned.damaged",
     "已固定的签发 CA 证书文件 {0} 已损坏（{1}）。请先向证书机构核实签发 "
     "CA，再删除该文件，下次联系服务时将重新固定。",
     "The pinned issuing CA {0} is damaged ({1}). Delete it to pin the service's CA again at the "
     "next contact, after checking with the CA which CA that is."},
    // Issue 16, 2: a renewed certificate is not renewed again.
    {"certificate.renewed_on_token",
     "该证书已续期：证书介质上已有同一主体的新证书（有效期至 {}），无需再次续期，请使用新证书。",
     "This certificate has already been renewed: the token holds a newer certificate of the same "
     "subject (valid until {}). Use that one; this one needs no renewal."},
    {"certificate.renewed", "该证书已续期（业务单号 {}），无需再次续期，请使用新证书。",
     "This certificate has already been renewed (business number {}); it needs no renewal. Use "
     "the new certificate."},
    // Issue 21: SM2 dual certificates.
    {"install.no_encryption_keys",
     "证书机构为您签发了加密证书，但此证书介质（或其驱动）无法保存加密密钥，未写入任何内容。请换用支持双证书的介质，或联系证书机构。",
     "The CA issued you an encryption certificate, but this token (or its driver) cannot hold "
     "encryption keys; nothing was written. Use a token that supports dual certificates, or "
     "contact the CA."},
    {"install.encryption_rejected",
     "证书机构下发的加密证书或加密密钥未通过校验，未写入证书介质，原证书不受影响。请联系证书机构。",
     "The encryption certificate or key the CA delivered failed verification and was not written "
     "to the token; your current certificates are unchanged. Contact the CA."},
});

}  // namespace

const Catalogue& flow_errors() {
  static constexpr Catalogue catalogue{"client_flow_errors", kEntries};
  return catalogue;
}

}  // namespace certrenew::client::catalogues
