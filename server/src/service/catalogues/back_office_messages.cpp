// What the back office says to operators (the console's API and the operator command).
#include <array>

#include "service/back_office_text.hpp"

namespace certrenew::server {

namespace {

constexpr auto kEntries = std::to_array<CatalogueEntry>({
    {"role.finance_needed", "此操作需要财务角色", "this action needs the finance role"},
    {"role.reviewer_needed", "此操作需要审核员角色", "this action needs the reviewer role"},
    {"role.admin_needed", "此操作需要管理员角色", "this action needs the admin role"},
    {"login.failed", "用户名、密码或动态口令错误", "wrong name, password or one-time code"},
    {"login.locked", "登录失败次数过多，账户已暂时锁定，请稍后再试",
     "too many failed logins: the account is locked for a while, try again later"},
    {"login.required", "请先登录", "please log in first"},
    {"session.expired", "会话已过期，请重新登录", "the session has expired; log in again"},
    {"csrf.missing", "请求缺少有效的防伪令牌（CSRF），已拒绝",
     "the request lacks a valid CSRF token and was refused"},
    {"operator.bad_name", "操作员名称须为1~32个小写字母、数字、点、下划线或连字符",
     "an operator name is 1 to 32 of a-z, 0-9, '.', '_' or '-'"},
    {"operator.bad_role", "角色须为 finance、reviewer 或 admin",
     "the role must be finance, reviewer or admin"},
    {"operator.exists", "该操作员已存在", "that operator exists already"},
    {"operator.unknown", "没有该操作员", "no such operator"},
    {"operator.weak_password", "密码至少需要12个字符", "a password needs at least 12 characters"},
    {"operator.credentials_required", "需要操作员凭据", "operator credentials are required"},
    {"operator.credentials_invalid", "操作员凭据无效", "these operator credentials are not valid"},
    {"request.not_found", "未找到该申请", "no such application"},
    {"request.bad_filter", "筛选条件有误", "a filter is not valid"},
    {"request.bad_body", "请求内容有误", "the request body is not valid"},
    {"request.no_endpoint", "没有该接口", "no such endpoint"},
    {"request.method", "该接口不支持此请求方法", "this endpoint does not take that method"},
    {"template.bad", "原因模板需要标题（不超过100字节）和内容（不超过1000字节）",
     "a reason template needs a title (up to 100 bytes) and a text (up to 1000 bytes)"},
    {"template.unknown", "没有该原因模板", "no such reason template"},
    {"refund.not_due", "该申请没有待退款项", "no refund is due for this application"},
    {"refund.exists", "该申请的退款已登记", "the refund of this application is recorded already"},
    {"statement.bad", "银行流水文件无法识别", "the bank statement cannot be read"},
    {"statement.line_unknown", "没有该流水行，或该行已对账",
     "no such statement line, or it is matched already"},
    {"statement.amount_mismatch", "流水金额与申请应付金额不符",
     "the statement amount differs from the amount due"},
    {"report.bad_date", "日期格式应为 YYYY-MM-DD", "the date must be YYYY-MM-DD"},
    {"id.none", "该申请没有证件号码", "this application has no ID number"},
    {"server.internal", "服务内部错误，请稍后重试", "the service failed; try again later"},
    // Operator accounts managed in the console (console2).
    {"operator.last_admin", "不能停用最后一个可用的管理员账户",
     "the last enabled admin account cannot be disabled"},
    {"operator.disabled", "该操作员已停用", "that operator is disabled"},
    {"operator.bad_request", "操作员请求有误：需要用户名、角色，密码可留空由系统生成",
     "the operator request is not valid: a name and a role are needed; leave the password empty "
     "to have one generated"},
    // Refunds carried out (console2).
    {"refund.bad_amount", "退款金额须为大于0的金额（元，最多两位小数）",
     "the refund amount must be more than 0 (yuan, at most two decimals)"},
    {"refund.bad_method", "退款方式须为银行转账（bank_transfer）或原路退回在线支付（online）",
     "the refund method must be bank_transfer or online"},
    {"refund.reference_required", "银行转账退款须填写退款流水号",
     "a bank transfer refund needs the bank's reference"},
    {"refund.too_much", "退款金额超过尚未退还的已收款项",
     "the refund is more than the money received and not yet refunded"},
    {"refund.no_payment", "该申请没有这笔已到账的在线支付",
     "this application has no such online payment received"},
    {"refund.no_gateway", "本服务未配置支付网关，无法原路退款",
     "this service has no payment gateway to refund through"},
    {"refund.gateway_failed", "支付网关未受理退款，款项未退还",
     "the payment gateway did not accept the refund; nothing was refunded"},
});

constexpr Catalogue kCatalogue{"back_office", kEntries};

}  // namespace

const Catalogue& back_office_catalogue() {
  return kCatalogue;
}

ApiError back_office_error(int status, std::string code, std::string_view id,
                           nlohmann::json details) {
  const CatalogueEntry& e = kCatalogue.at(id);
  return ApiError(status, std::move(code), std::string(e.en), std::string(e.zh),
                  std::move(details));
}

}  // namespace certrenew::server
