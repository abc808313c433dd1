// What the renewal service says (service/service_text.hpp): refusals by the protocol's error code's
// situation, and the labels of the application view. "{0}"… are filled by the caller.
#include <array>

#include "service/service_text.hpp"

namespace certrenew::server {

namespace {

constexpr auto kEntries = std::to_array<CatalogueEntry>({
    // The signed application (submit).
    {"signature.not_ours", "签名证书不是本机构签发的",
     "the signing certificate was not issued by this CA"},
    {"signature.bad", "申请的签名验证失败", "the application's signature does not verify"},
    {"signature.no_certificate", "签名数据中缺少签名证书",
     "the signed application does not carry the signing certificate"},
    {"signature.unsupported_algorithm", "不支持的签名算法",
     "the signature algorithm is not supported"},
    {"signature.malformed", "签名数据格式错误", "the signed application is not valid SignedData"},
    {"certificate.malformed", "签名证书格式错误", "the signing certificate does not parse"},
    {"certificate.expired", "证书已过期，不能在线续期，请到营业厅办理",
     "the certificate has expired; renew it at the service hall"},
    {"certificate.not_yet_valid", "证书尚未生效", "the certificate is not valid yet"},
    {"certificate.window_not_open", "证书到期前{0}天内方可在线续期",
     "online renewal opens {0} days before the certificate expires"},
    {"certificate.not_end_entity", "CA证书不能在线续期，只有最终用户证书可以续期",
     "a CA certificate cannot be renewed online; only end-entity certificates can"},
    {"certificate.not_for_signing", "只有密钥用法包含数字签名的证书可以在线续期",
     "only certificates whose key usage includes digitalSignature can be renewed online"},
    {"certificate.already_renewed", "该证书已续期（业务单号{0}），不能再次续期",
     "this certificate has been renewed already (business number {0}); renew the new "
     "certificate when its time comes"},
    {"certificate.revoked", "该证书已被吊销，不能续期", "this certificate has been revoked"},
    {"application.stale", "申请时间与服务器时间相差过大，请检查本机时钟",
     "the application's time is too far from the server's; check this computer's clock"},
    {"application.open", "该证书已有未完成的续期申请：{0}",
     "this certificate already has an open application: {0}"},
    {"application.replayed", "重复提交的申请", "this application's nonce was used before"},
    {"application.too_many_today", "该证书今日申请次数已达上限，请明天再试",
     "this certificate has made {0} applications today, the most allowed; try again tomorrow"},
    {"application.capacity", "今日申请数量已达上限", "too many applications today"},
    {"period.not_offered", "不提供该续期时长", "that renewal period is not offered"},
    {"agreement.outdated", "所接受的服务协议不是当前版本，请重新阅读并接受",
     "the accepted agreement is not the current version; read and accept it again"},
    {"csr.invalid", "证书请求无效", "the certificate request is invalid"},
    {"csr.bad_public_key", "证书请求的公钥无效", "the request's public key does not parse"},
    {"csr.subject_mismatch", "证书请求的主题与原证书不一致",
     "the certificate request's subject differs from the current certificate's"},
    {"key.not_allowed", "新密钥的算法或长度不被允许",
     "the new key ({0} {1} bits) is not allowed by this CA's policy"},
    {"key.reused", "续期须使用新生成的密钥对",
     "renewal needs a new key pair; the request reuses the old key"},
    {"key.certified_before", "该密钥已被签发过证书，续期须使用新生成的密钥对",
     "this key has been certified before; renewal needs a new key pair"},

    // Who may act on an application, and when.
    {"application.not_found", "未找到该申请", "no such application"},
    {"application.not_found_for_token", "未找到该申请或无权访问",
     "no such application for this capability token"},
    {"application.ended", "申请{0}已结束，访问凭据已失效",
     "application {0} has ended and its capability token has expired"},
    {"application.invalid_state", "申请当前状态为{1}/{2}，不能{0}",
     "cannot {0} while the application is {1} / {2}"},
    {"action.cancel", "撤销申请", "cancel"},
    {"action.record_bank_transfer", "登记银行转账", "record a bank transfer"},
    {"action.download_certificate", "下载证书", "download the certificate"},
    {"action.confirm_installation", "确认安装", "confirm installation"},
    {"action.pay_online", "在线支付", "pay online"},
    {"action.confirm_payment", "确认付款", "confirm the payment"},
    {"action.approve", "审核通过", "approve"},
    {"action.reject", "驳回", "reject"},

    // Operators' calls (admin_calls.cpp).
    {"filter.unknown_state", "未知的状态筛选条件", "unknown state filter"},
    {"filter.bad_page", "分页参数错误", "limit must be 1..500 and offset not negative"},
    {"issuance.pending", "证书签发中", "Certificate being issued"},
    {"issuance.failed", "签发机构未能签发证书，申请保持待审核", "the issuer did not issue: {0}"},
    {"reject.reason_required", "驳回须填写原因", "a rejection needs a reason (up to 1000 bytes)"},

    // Requests (http/http_api.cpp and the decoders' problems).
    {"request.bearer_missing", "缺少访问凭据", "an Authorization: Bearer token is required"},
    {"request.not_json", "请求体必须是 JSON", "the body must be application/json"},
    {"request.not_object", "请求体必须是 JSON 对象", "the body must be a JSON object"},
    {"request.malformed", "请求内容格式错误", "the request is malformed"},
    {"request.malformed_at", "请求内容格式错误：{0}", "the request is malformed at {0}"},
    {"request.bad_page", "分页参数错误", "{0} must be a whole number"},

    // The form and bank transfers (form_check).
    {"form.needs_correcting", "部分信息填写有误，请修改", "some fields need correcting"},
    {"transfers.too_many", "最多登记10条转账记录", "at most 10 bank transfer records"},
    {"transfers.paid_on_invalid", "付款日期须为近一年内的有效日期（yyyy-mm-dd），且不能晚于今天",
     "the payment date must be yyyy-mm-dd, within the last year and not in the future"},
    {"transfers.amount_implausible", "金额超过应付金额的100倍，请核对",
     "the amount is more than 100 times the amount due"},

    // Payments (payments.cpp).
    {"payment.online_unavailable", "本服务不支持在线支付，请使用银行转账",
     "this service takes no online payments; pay by bank transfer"},
    {"payment.superseded", "同时发起了另一笔在线支付，请重新打开在线支付",
     "another online payment was started at the same time; open online payment again"},
    {"payment.no_gateway", "未配置支付网关", "no payment gateway"},
    {"payment.not_found", "未找到该支付", "no such payment"},
    {"payment.amount_mismatch", "支付金额与应付金额不符",
     "the notified amount differs from the amount due"},
    {"payment.application_missing", "内部错误", "the payment's application is missing"},
    {"payment.bad_signature", "支付通知签名无效",
     "the payment notification's signature does not verify"},
    {"payment.refunds_inconsistent", "待退款金额异常", "the refunds due do not add up"},
    {"payment.transfers_implausible", "登记的转账金额异常", "the recorded transfers do not add up"},
    {"payment.transfers_short", "登记的转账金额少于应付金额",
     "the recorded transfers ({0} fen) are less than due ({1} fen)"},
    {"online_payment.expired", "已过期", "Expired"},
    {"online_payment.pending", "待支付", "Waiting for payment"},
    {"online_payment.paid", "已支付", "Paid"},
    {"online_payment.closed", "已关闭", "Closed"},
    {"online_payment.failed", "未能发起", "Could not start"},
    {"online_payment.refund_due", "重复付款，待退款", "Paid twice: due for refund"},
    {"online_payment.refunded", "已退款", "Refunded"},

    // The application view's labels (application_view.cpp) and the fee schedule (fees.cpp).
    {"order.trade_type", "消费", "Purchase"},
    {"order.cancelled", "已取消", "Cancelled"},
    {"order.normal", "正常", "Normal"},
    {"review.expectation", "通常需要1~3个工作日完成审核", "Review usually takes 1–3 working days"},
    {"fee.certificate_service", "证书服务费用", "Certificate service fee"},
    {"delivery.cash_on_delivery", "货到付款", "Cash on delivery"},
    {"delivery.prepaid", "寄付", "Postage prepaid"},
    {"invoice.plain_fixed", "普通定额发票", "Ordinary fixed-amount invoice"},
    {"invoice.plain_electronic", "普通电子发票", "Ordinary electronic invoice"},

    // The sandbox payment gateway's pages (a test double: demo instances only), shown with both
    // languages side by side.
    {"sandbox.title", "沙箱支付（测试替身，仅用于演示）",
     "Sandbox payment (test double, demo only)"},
    {"sandbox.paid", "已支付", "paid"},
    {"sandbox.closed", "已关闭，请在申请中重新发起支付",
     "closed: start the payment again from the application"},
    {"sandbox.pay", "支付", "Pay"},
    {"sandbox.closed_page", "该支付已关闭", "this payment was closed"},
    {"sandbox.expired_page", "该支付已过期", "this payment has expired"},

    // What `certrenew-server init --demo` writes into a demo instance's configuration.
    {"demo.service_name", "CertRenew 演示证书续期服务", "CertRenew demo renewal service"},
    {"demo.bank_company", "CertRenew 演示认证有限公司", "CertRenew Demo Certification Co., Ltd."},
    {"demo.bank", "演示银行广州分行", "Demo Bank, Guangzhou branch"},
});

constexpr Catalogue kCatalogue{"service", kEntries};

}  // namespace

const Catalogue& service_catalogue() {
  return kCatalogue;
}

}  // namespace certrenew::server
