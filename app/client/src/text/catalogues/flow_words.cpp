// The flow's steps and actions in the words of the screens (zh-CN as the seed guide names them),
// for messages a person reads: ids "step.<code(FlowStep)>" and "action.<action>".
#include <array>

#include "certrenew/client/catalogues.hpp"

namespace certrenew::client::catalogues {
namespace {

constexpr auto kEntries = std::to_array<CatalogueEntry>({
    {"step.choose_certificate", "选择证书", "choosing a certificate"},
    {"step.service_hall", "到营业厅办理", "renewal at the service hall"},
    {"step.renewal_panel", "证书续期", "certificate renewal"},
    {"step.agreement", "电子认证服务协议", "the service agreement"},
    {"step.form", "填写申请表", "the application form"},
    {"step.sign", "输入证书密码签署申请", "signing with the certificate PIN"},
    {"step.payment", "缴费", "payment"},
    {"step.waiting_review", "等待审核", "waiting for review"},
    {"step.ready_to_install", "安装证书", "installing the certificate"},
    {"step.done", "续期完成", "renewal completed"},
    {"step.cancelled", "申请已撤销", "application cancelled"},
    {"step.rejected", "申请被驳回", "application rejected"},
    {"step.unknown", "未知步骤", "an unknown step"},
    {"action.choose_certificate", "选择证书", "choose a certificate"},
    {"action.apply", "申请续期", "apply for renewal"},
    {"action.show_agreement", "显示服务协议", "show the agreement"},
    {"action.accept_agreement", "接受服务协议", "accept the agreement"},
    {"action.submit_form", "提交申请表", "submit the form"},
    {"action.sign", "签署申请", "sign the application"},
    {"action.go_back", "返回上一步", "go back"},
    {"action.cancel", "撤销申请", "cancel the application"},
    {"action.save_transfers", "保存银行转账记录", "save the bank transfers"},
    {"action.pay_online", "在线支付", "pay online"},
    {"action.query_progress", "查询进度", "check the progress"},
    {"action.install", "安装证书", "install the certificate"},
    {"action.unknown", "执行此操作", "do this"},
    // Issue 21: the self-test after an installation ({} = why it failed) and the question about
    // sealed bids before applying, for SM2 dual-certificate holders.
    {"selftest.sign.passed", "签名自检通过：新签名证书在证书介质上签名，签名验证通过。",
     "Signing: the new signing certificate signs on the token and the signature verifies."},
    {"selftest.sign.failed", "签名自检未通过：{}", "Signing check failed: {}"},
    {"selftest.open_new.passed", "加密自检通过：发给新加密证书的数据在证书介质上解密成功。",
     "Encryption: data sealed to the new encryption certificate opens on the token."},
    {"selftest.open_new.failed", "加密自检未通过：{}", "Encryption check failed: {}"},
    {"selftest.open_previous.passed",
     "原加密证书自检通过：发给原加密证书的数据（如续期前已密封的投标文件）仍可解密。",
     "Previous encryption certificate: data sealed to it (bids sealed before the renewal) still "
     "opens."},
    {"selftest.open_previous.failed", "原加密证书自检未通过：{}",
     "Previous encryption certificate check failed: {}"},
    {"sealed_bids.question", "您是否有已用当前加密证书密封、尚未开标的投标文件？",
     "Do you have bids sealed to your current encryption certificate that are not opened yet?"},
    {"sealed_bids.explanation",
     "续期会同时更新签名证书和加密证书。原加密密钥会保留在证书介质上，续期前密封的投标文件在续期后仍可解密；安装后本软件会自动验证这一点。请勿删除原证书介质上的加密密钥。",
     "Renewal updates both the signing and the encryption certificate. Your current encryption "
     "key stays on the token, so bids sealed before the renewal can still be opened afterwards; "
     "the app checks this after installing. Do not delete the old encryption key from the "
     "token."},
});

}  // namespace

const Catalogue& flow_words() {
  static constexpr Catalogue catalogue{"client_flow_words", kEntries};
  return catalogue;
}

}  // namespace certrenew::client::catalogues
