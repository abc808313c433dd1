// What certrenew-cli itself says (the flow's messages come from the client's catalogues). {} and
// {0}, {1}... are filled with the same arguments in both languages.
#include "cli_text.hpp"

#include <array>

namespace certrenew::cli {
namespace {

constexpr auto kEntries = std::to_array<CatalogueEntry>({
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
    // Asking on the terminal ({} = the question, or the missing answer's question).
    {"prompt.no_terminal", "缺少输入，且没有终端可以询问：{}",
     "missing answer, and no terminal to ask: {}"},
    {"prompt.answer_end", "：", ": "},
    {"prompt.input_ended", "输入已结束", "input ended"},
    {"prompt.yes_no", "{}（y/N）", "{} (y/N)"},
    // What a person may type for yes besides y (in English the same word).
    {"prompt.yes_word", "是", "yes"},
    // PIN state before a PIN is typed ({} = tries left).
    {"pin.locked", "证书介质已锁定。", "The token is locked."},
    {"pin.final_try", "警告：这是最后一次尝试，密码错误将锁定证书介质。",
     "Warning: this is the FINAL try; a wrong PIN locks the token."},
    {"pin.tries_left", "剩余尝试次数：{}", "Tries left: {}"},
    {"pin.count_low", "最近输入过错误密码；剩余尝试次数未知。",
     "A wrong PIN was entered recently; tries left unknown."},
    // {} = why the PIN could not be read.
    {"pin.unreadable", "无法读取密码：{}", "{}"},
    {"pin.on_pad", "请在证书介质自带的键盘上输入密码。",
     "Enter the PIN on the token's own keypad when it asks."},
    // {0} = the token's label, {1} = its serial number.
    {"pin.prompt", "证书介质 {0} ({1}) 的密码（不显示）：", "PIN of token {0} ({1}) (not shown): "},
    {"pin.none", "未提供密码：没有终端时请使用 --pin-file 文件 或 --pin-env 环境变量",
     "no PIN: use --pin-file FILE or --pin-env VARIABLE when there is no terminal"},
    // apply: the form file ({0} = the file, {1} = the problem).
    {"form_file.unreadable", "无法读取申请表文件 {0}", "cannot read the form file {0}"},
    {"form_file.not_json", "申请表文件 {0} 不是 JSON：{1}", "the form file {0} is not JSON: {1}"},
    {"form_file.problem", "申请表文件 {0}：{1}", "the form file {0}: {1}"},
    // The form's questions, by field (docs/cli.md), and the periods offered ({0} = months, {1} =
    // the total in yuan).
    {"form.period_line", "{0}个月：{1} 元", "{0} months: {1} yuan"},
    {"form.period_months", "续期时间（月）", "Renewal period in months"},
    {"form.operator.id_number", "经办人证件号码（身份证）", "Operator's resident ID number"},
    {"form.operator.name", "经办人姓名", "Operator's name"},
    {"form.operator.mobile", "手机号码", "Mobile number"},
    {"form.operator.email", "经办人email", "Operator's e-mail"},
    {"form.copy_operator", "从经办人处拷贝收件人信息？",
     "Copy name and mobile to the invoice recipient?"},
    {"form.recipient.name", "收件人姓名", "Recipient's name"},
    {"form.recipient.mobile", "收件人手机", "Recipient's mobile"},
    {"form.recipient.address", "收件人地址（用于收取发票）",
     "Recipient's address (for the invoice)"},
    {"form.has_problems", "申请表填写有误。", "The form has problems."},
    // Signing progress, by code(SignStage).
    {"sign.login", "正在登录证书介质……", "Logging in to the token..."},
    {"sign.generate_key", "正在证书介质上生成新密钥对……",
     "Generating the new key pair on the token..."},
    {"sign.build_request", "正在生成证书请求……", "Building the certificate request..."},
    {"sign.sign_request", "正在用原证书签署申请……",
     "Signing the application with your certificate..."},
    {"sign.submit", "正在提交到续期服务……", "Submitting to the renewal service..."},
    {"sign.saved", "已提交。", "Submitted."},
    // Fees and the application ({0} = months or a price, {1} = a total).
    {"fees.period", "{0}个月  {1} 元", "{0} months  {1} yuan"},
    {"fees.delivery", "快递付款方式：", "Delivery: "},
    {"fees.invoice", "发票类型：", "Invoice: "},
    {"view.business_no", "业务单号：", "Business number: "},
    {"view.business_state", "业务状态：", "Business state: "},
    {"view.payment_state", "支付状态：", "Payment state: "},
    {"view.recipient", "收件人：", "Recipient: "},
    {"view.order", "订单编号：", "Order: "},
    // {0} = unit price, {1} = quantity, {2} = subtotal.
    {"view.fee_item", "{0}元/年 x {1} = {2}元", "{0} yuan/year x {1} = {2} yuan"},
    {"view.total", "总价：¥{}", "Total: ¥{}"},  // the currency once (issue 16.11)
    {"view.transfer", "  银行转账：", "  transfer: "},
    {"view.rejected", "驳回原因：", "Rejected: "},
    // {} = the amount (issue 16: money paid twice, or after the application ended).
    {"view.refund_due", "待退款：¥{}（多余的付款，CA 将按原支付方式退还）",
     "Due for refund: ¥{} (a payment that was not needed; the CA refunds it the way it was paid)"},
    // {} = the business number.
    {"apply.already_open", "该证书已有未完成的申请：{}",
     "An application for this certificate is already open: {}"},
    {"apply.agreement_needed",
     "须接受电子认证服务协议：可用 certrenew-cli agreement 阅读，然后加上 --accept-agreement",
     "the agreement must be accepted: read it with `certrenew-cli agreement`, then pass "
     "--accept-agreement"},
    {"apply.accept_agreement", "我接受电子认证服务协议内容",
     "I accept the electronic certification service agreement"},
    {"apply.next",
     "下一步：用 certrenew-cli pay bank-transfer {} 或 pay online 缴费，或用 certrenew-cli cancel "
     "撤销申请。",
     "Next: pay with `certrenew-cli pay bank-transfer {}` or `pay online`, or cancel with "
     "`certrenew-cli cancel`."},
    // Bank transfers ({0} = the file, {1} = the problem).
    {"records_file.unreadable", "无法读取 {0}", "cannot read {0}"},
    {"records_file.not_a_list", "{0}：应为转账记录列表", "{0}: a list of records expected"},
    {"records_file.not_json", "{0} 不是 JSON：{1}", "{0} is not JSON: {1}"},
    {"records_file.problem", "{0}：{1}", "{0}: {1}"},
    {"transfer.to", "开户公司名称：", "Transfer to: "},
    {"transfer.account", "开户账号：", "Account: "},
    {"transfer.bank", "开户行：", "Bank: "},
    {"transfer.due", "应付金额：", "Amount due: "},
    {"transfer.saved", "已保存。财务确认到账后，后台人员将审核您的申请。",
     "Saved. Finance confirms the transfer; then the back office reviews the application."},
    {"transfer.payer_account", "付款账号", "Payer account"},
    {"transfer.payer_name", "付款账户名", "Payer account name"},
    {"transfer.amount", "转账金额（元）", "Amount (yuan)"},
    {"transfer.paid_on", "付款日期（YYYY-MM-DD）", "Date (YYYY-MM-DD)"},
    {"transfer.remarks", "备注说明（可不填）", "Remarks (optional)"},
    {"transfer.another", "点击添加更多银行转账信息？", "Add another transfer?"},
    // status ({0} = the file, {1} = why).
    {"status.unreadable_record", "无法读取的记录 {0}：{1}", "Unreadable record {0}: {1}"},
    {"status.none", "本机没有续期申请记录。", "No applications on this computer."},
    {"status.unknown", "无法获取申请状态。", "The service's state is unknown."},
    // Online payment ({} = the amount in yuan).
    {"online.waiting", "正在等待支付结果……", "Waiting for the payment..."},
    {"online.paid", "支付成功。", "Paid."},
    {"online.pay", "请支付 {} 元，在线支付地址：", "Pay {} yuan online: "},
    // cancel ({} = the business number).
    {"cancel.needs_yes", "没有终端确认时，撤销申请须加 --yes",
     "cancelling needs --yes when there is no terminal to confirm"},
    {"cancel.question", "确定撤销申请 {}？", "Cancel application {}?"},
    {"cancel.done", "申请已撤销。", "The application is cancelled."},
    // install: progress by code(InstallStage), then the outcome ({} as each says).
    {"install.download", "正在下载续期后的证书……", "Downloading the renewed certificate..."},
    {"install.verify", "正在校验证书……", "Verifying it..."},
    {"install.login", "正在登录证书介质……", "Logging in to the token..."},
    {"install.write", "正在写入证书介质……", "Writing it to the token..."},
    {"install.read_back", "正在读回核对……", "Reading it back..."},
    {"install.confirm", "正在向续期服务确认……", "Confirming to the service..."},
    {"install.done", "安装完成。", "Installed."},
    {"install.waiting_review", "正在等待审核（通常需要1~3个工作日）……",
     "Waiting for the review (usually 1-3 working days)..."},
    {"install.already", "该申请的证书已安装。", "This application is already installed."},
    // {} = the application's state (its label in zh-CN, its code in English).
    {"install.not_yet", "证书暂不能安装：申请当前状态为“{}”。",
     "The certificate cannot be installed yet: the application is at \"{}\"."},
    // {} = the token's serial number.
    {"install.plug_in", "请插入证书介质 {} 以安装证书。",
     "Plug in the token {} to install the certificate."},
    {"install.complete", "在线续期操作已成功，证书有效期已经延长。",
     "The renewal is complete: the certificate's validity is extended."},
    {"install.before", "  续期前：有效期至 ", "  before: valid until "},
    {"install.after", "  续期后：有效期至 ", "  now:    valid until "},
    // Help of the application commands: shown as "English (中文)".
    {"help.status", "查询进度",
     "Step 8: query the progress of an application, or of all applications on this computer"},
    {"help.business_no", "业务单号", "business number"},
    {"help.bank_transfer", "银行转账", "Record bank transfers"},
    {"help.payer_account", "付款账号", "payer account"},
    {"help.payer_name", "付款账户名", "payer account name"},
    {"help.amount", "转账金额", "amount in yuan, e.g. 200.00"},
    {"help.paid_on", "付款日期", "date paid, YYYY-MM-DD"},
    {"help.remarks", "备注说明", "remarks"},
    {"help.online", "在线支付", "Pay online: prints the link and a QR code"},
    {"help.cancel", "撤销申请", "Cancel an application before payment is confirmed"},
    {"help.install", "安装证书", "Step 9: install the renewed certificate"},
    {"help.pin", "修改或解锁证书介质密码", "Change or unblock a token's PIN"},
    {"help.pin_change", "修改密码", "Change the user PIN"},
    {"help.pin_unblock", "解锁密码",
     "Set a new user PIN with the administrator PIN, unblocking it"},
    // tokens: the issuer's PIN is often printed on the envelope ({} = the token's id).
    {"token.default_pin", "仍在使用初始密码：请用 `certrenew-cli pin change --token {}` 修改。",
     "Still on the issuer's default PIN: change it with `certrenew-cli pin change --token {}`."},
    // pin change / pin unblock. The PINs' names, each the {0} of the texts below.
    {"pin_command.name.current", "当前密码", "current PIN"},
    {"pin_command.name.new", "新密码", "new PIN"},
    {"pin_command.name.admin", "管理员密码", "administrator PIN"},
    {"pin_command.name.new_user", "新的用户密码", "new user PIN"},
    {"pin_command.prompt", "{0}（不显示）：", "{0} (not shown): "},
    {"pin_command.no_terminal", "没有终端可以询问{0}：请使用 --*-pin-file 或 --*-pin-env 选项",
     "no terminal to ask for the {0}: use the --*-pin-file or --*-pin-env options"},
    {"pin_command.again", "再输入一次以确认：", "Again, to confirm: "},
    {"pin_command.new_pins_differ", "两次输入的新密码不一致；未做任何修改",
     "the two new PINs differ; nothing was changed"},
    // {0} = the PIN's name, {1} = the tries left, or the driver's message.
    {"pin_command.incorrect", "{0}错误。", "The {0} is incorrect."},
    {"pin_command.incorrect_tries", "{0}错误。剩余尝试次数：{1}。",
     "The {0} is incorrect. Tries left: {1}."},
    {"pin_command.locked", "{0}已锁定，未做尝试。", "The {0} is locked; nothing was tried. {1}"},
    // {} = the driver's message.
    {"pin_command.refused", "证书介质拒绝了该密码（长度或字符不符合要求）：{}",
     "The token refused the PIN: {}"},
    {"pin_command.not_supported", "该证书介质的驱动不支持此操作：{}",
     "This token's driver cannot do that: {}"},
    {"pin_command.failed", "证书介质操作失败：{}", "{}"},
    // {} = the token's id.
    {"pin_command.no_such_token", "未找到证书介质 {}（请运行 certrenew-cli tokens 查看）",
     "no token with id {} is plugged in (see: certrenew-cli tokens)"},
    {"pin_command.no_token", "未插入证书介质", "no token is plugged in"},
    {"pin_command.several_tokens", "插入了多个证书介质：请用 --token 指定",
     "several tokens are plugged in: choose one with --token ID"},
    {"pin_command.cannot_change", "证书介质 {} 不支持通过 CertRenew 修改密码",
     "token {} cannot change its PIN through CertRenew"},
    {"pin_command.unblock_first", "证书介质 {} 的密码已锁定：请先解锁（certrenew-cli pin unblock）",
     "the PIN of token {} is locked: unblock it first (certrenew-cli pin unblock)"},
    {"pin_command.changed", "证书介质 {} 的密码已修改。", "The PIN of token {} was changed."},
    {"pin_command.cannot_unblock", "证书介质 {} 的驱动不支持解锁密码；请使用发证机构的工具",
     "the driver of token {} cannot unblock PINs; use the issuer's tool"},
    {"pin_command.unblocked", "证书介质 {} 已设置新的用户密码，重试次数已恢复。",
     "Token {} has a new user PIN and all its tries again."},
    // Issue 19: check. {0} selector, {1} subject, {2} notAfter (local), {3} days left.
    {"check.due", "{0}  {1}：将于 {2} 到期（剩余 {3} 天），请运行 certrenew-cli renew --cert {0} 续期。",
     "{0}  {1}: expires on {2} ({3} days left); renew it with certrenew-cli renew --cert {0}"},
    {"check.expired", "{0}  {1}：已于 {2} 过期，无法在线续期，请到服务大厅办理。",
     "{0}  {1}: expired on {2}; it cannot be renewed online, go to the service hall"},
    {"check.none_due", "{} 天内没有到期的证书。", "No certificate expires within {} days."},
    // Issue 19: contacts. {0} name, {1} mobile, {2} e-mail or address.
    {"contacts.operator", "经办人：{0}  {1}  {2}", "operator: {0}  {1}  {2}"},
    {"contacts.recipient", "收件人：{0}  {1}  {2}", "recipient: {0}  {1}  {2}"},
    {"contacts.none", "没有记住的经办人和收件人信息。", "No operator or recipient is remembered."},
    {"contacts.forgotten", "已删除 {} 份记住的经办人和收件人信息。",
     "Forgot the remembered operator and recipient of {} certificate(s)."},
    {"contacts.filled", "已填入上次申请的经办人和收件人（证件号码需重新填写；certrenew-cli contacts forget 可删除）。",
     "The operator and recipient of the last application are filled in (the ID number is asked "
     "again; `certrenew-cli contacts forget` removes them)."},
    {"check.no_certificates", "已插入的证书介质上没有证书。",
     "No certificate is on the tokens plugged in."},
});

}  // namespace

const Catalogue& cli_messages() {
  static constexpr Catalogue catalogue{"cli_messages", kEntries};
  return catalogue;
}

}  // namespace certrenew::cli
