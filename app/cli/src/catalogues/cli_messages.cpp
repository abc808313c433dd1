// What certrenew-cli itself says (the flow's messages come from the client's catalogues). {} and
// {0}, {1}... are filled with the same arguments in both languages.
#include "cli_text.hpp"

#include <array>

namespace certrenew::cli {
namespace {

constexpr std::array<CatalogueEntry, 41> kEntries = {{
    // Help: shown in both languages at once, English first.
    {"help.app", "证书在线续期", "renew the certificate on your USB token online"},
    {"help.diagnose", "诊断",
     "why a token, driver, service or clock does not work: environment, drivers, tokens, "
     "service, applications, log"},
    {"error.prefix", "错误：", "Error: "},
    // {0} the configuration file, {1} the problem in English, {2} in zh-CN.
    {"config.problem", "配置 {0}：{2}", "configuration {0}: {1}"},
    {"config.create_hint", "（可用 certrenew-cli config init --service-url 地址 创建）",
     " (create one with `certrenew-cli config init --service-url URL`)"},
    // The service's own Chinese comes first; these stand in when it has none (English: its own).
    {"service.refused", "续期服务拒绝了请求。", "The renewal service refused the request."},
    {"service.unreachable", "无法连接续期服务，请检查网络和配置后重试。",
     "The renewal service cannot be reached; check the network and the configuration, then try "
     "again."},
    {"token.error", "证书介质报告错误，请检查后重试。",
     "The token reported an error; check it and try again."},
    {"log.unwritable", "无法写入日志文件。", "The log cannot be written: {}"},
    {"application.bad_business_no", "“{}”不是有效的业务单号（17位数字）。",
     "\"{}\" is not a business number (17 digits)."},
    {"application.unknown", "本机没有业务单号为 {} 的申请记录。",
     "No application {} is known on this computer."},
    // config init / show: {0} the option, {1} the value given.
    {"config.no_such_file", "--{0} {1}：文件不存在", "--{0} {1}: no such file"},
    {"config.portable", "（便携模式）", " (portable)"},
    {"config.no_place", "没有可放置配置文件的位置，请用 --config 指定",
     "no place for a configuration file; use --config"},
    {"config.exists", "{} 已存在；如需替换请加 --force",
     "{} exists already; use --force to replace it"},
    {"config.driver_format", "--driver 的格式应为 名称=JSON，实际为“{}”",
     "--driver wants NAME=JSON, got \"{}\""},
    // {0} the driver's name, {1} the parser's complaint.
    {"config.driver_not_json", "--driver {0}：不是有效的 JSON", "--driver {0}: not JSON: {1}"},
    {"config.written", "配置已写入 {}", "Configuration written to {}"},
    // tokens / certificates: {0} the driver, {1} the token, {2} the driver's message.
    {"driver.not_loaded", "驱动未加载：{}", "Driver not loaded: {}"},
    {"driver.problem", "驱动 {0}：{2}", "Driver {0}: {2}"},
    {"driver.token_problem", "驱动 {0} 介质 {1}：{2}", "Driver {0} token {1}: {2}"},
    {"token.driver", "驱动 {}", "driver {}"},
    {"token.none", "未找到证书介质。请插入证书介质；若已插入，请运行 certrenew-cli diagnose。",
     "No token found. Plug in your token; see `certrenew-cli diagnose` if it is in."},
    {"certificate.expired", "已过期：请到营业厅办理续期", "EXPIRED: renew at the service hall"},
    {"certificate.expires_soon", "剩余 {} 天，即将到期", "expires in {} days"},
    {"certificate.valid_days", "有效，剩余 {} 天", "valid, {} days left"},
    // {} the renewed certificate's selector: this one was replaced and is not renewed again.
    {"certificate.renewed", "已续期，新证书 {}", "renewed: the new certificate is {}"},
    {"certificate.issuer", "颁发者：{}", "issuer: {}"},
    {"certificate.valid_until", "有效期至：{}", "valid until: {}"},
    // {0} the token's label, {1} its serial number.
    {"certificate.token", "证书介质：{0} ({1})", "token: {0} ({1})"},
    {"certificate.key_not_listed", "  [登录前未列出私钥]",
     "  [private key not listed before login]"},
    {"certificate.none", "当前证书介质上没有找到证书。",
     "No certificate found on the tokens present."},
    // renew (interactive)
    {"renew.days_left", " 天后到期)", " days left)"},
    {"renew.which_certificate", "要续期的证书（序号）", "Certificate to renew (number)"},
    {"renew.needs_terminal", "renew 为交互式命令；没有终端时请使用 apply 及各步骤命令",
     "`renew` is interactive; without a terminal use `apply` and the step commands"},
    {"renew.how_to_pay", "缴费方式：[1] 银行转账 [2] 在线支付 [3] 稍后 [4] 撤销申请",
     "Pay by [1] bank transfer, [2] online, [3] later, [4] cancel the application"},
    // {0} the company, {1} the account, {2} the bank.
    {"renew.transfer_to", "开户公司名称：{0}  {1}  {2}", "Transfer to: {0}  {1}  {2}"},
    {"renew.press_enter_after_paying", "支付完成后请按回车", "Press Enter after paying"},
    {"renew.cancel_question", "确定撤销申请？", "Cancel this application?"},
    {"renew.cancelled", "申请已撤销。", "The application is cancelled."},
    // {0} the business number.
    {"renew.waiting_review",
     "您的申请正在等待确认付款及审核（通常需要1~3个工作日）。可用 certrenew-cli status {0} "
     "查询进度，审核通过后用 certrenew-cli install {0} 安装证书。",
     "Your application waits for payment confirmation and review (usually 1-3 working days). "
     "Check with `certrenew-cli status {0}`, then install with `certrenew-cli install {0}`."},
}};

}  // namespace

const Catalogue& cli_messages() {
  static constexpr Catalogue catalogue{"cli_messages", kEntries};
  return catalogue;
}

}  // namespace certrenew::cli
