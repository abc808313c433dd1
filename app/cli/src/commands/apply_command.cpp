// Steps 1-5 (`apply`), and the service's public facts (`agreement`, `fees`).
#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.hpp"

namespace certrenew::cli {
namespace {

using client::FlowError;

client::RenewalForm read_form_file(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw UsageError("cannot read the form file " + file, "无法读取申请表文件 " + file);
  std::stringstream text;
  text << in.rdbuf();
  try {
    return client::renewal_form_from_json(nlohmann::json::parse(text.str()));
  } catch (const nlohmann::json::exception& e) {
    throw UsageError("the form file " + file + " is not JSON: " + e.what(),
                     "申请表文件 " + file + " 不是 JSON：" + e.what());
  } catch (const std::invalid_argument& e) {
    throw UsageError("the form file " + file + ": " + e.what(),
                     "申请表文件 " + file + "：" + e.what());
  }
}

// Asks for each field that is empty or has a problem, until the form passes (seed step 4).
client::RenewalForm ask_form(const Output& out, client::RenewalForm form,
                             const client::FeeSchedule& fees,
                             const std::vector<client::FieldProblem>& problems) {
  auto bad = [&](const char* field) {
    for (const auto& p : problems)
      if (p.field == field) {
        std::cerr << "  " << p.message(out.language()) << '\n';
        return true;
      }
    return false;
  };
  if (!fees.period(form.period_months) || bad("period_months")) {
    for (const auto& p : fees.periods)
      std::cerr << "  " << p.period_months << out.tr(" months: ", "个月：") << p.total.to_string()
                << out.tr(" yuan", " 元") << '\n';
    std::string months =
        ask(out, "Renewal period in months", "续期时间（月）",
            std::to_string(fees.periods.empty() ? 12 : fees.periods[0].period_months));
    try {
      form.period_months = std::stoi(months);
    } catch (const std::exception&) {
      form.period_months = 0;
    }
  }
  auto field = [&](const char* id, std::string& value, std::string_view en, std::string_view zh) {
    if (value.empty() || bad(id)) value = ask(out, en, zh, value);
  };
  auto& op = form.operator_info;
  field("operator.id_number", op.id_number, "Operator's resident ID number",
        "经办人证件号码（身份证）");
  field("operator.name", op.name, "Operator's name", "经办人姓名");
  field("operator.mobile", op.mobile, "Mobile number", "手机号码");
  field("operator.email", op.email, "Operator's e-mail", "经办人email");
  if (form.recipient.name.empty() && form.recipient.mobile.empty() &&
      confirm(out, "Copy name and mobile to the invoice recipient?", "从经办人处拷贝收件人信息？"))
    form.copy_operator_to_recipient();
  auto& r = form.recipient;
  field("recipient.name", r.name, "Recipient's name", "收件人姓名");
  field("recipient.mobile", r.mobile, "Recipient's mobile", "收件人手机");
  field("recipient.address", r.address, "Recipient's address (for the invoice)",
        "收件人地址（用于收取发票）");
  return form;
}

void print_progress(const Output& out, client::SignStage stage) {
  using S = client::SignStage;
  switch (stage) {
    case S::login:
      out.note("Logging in to the token...", "正在登录证书介质……");
      break;
    case S::generate_key:
      out.note("Generating the new key pair on the token...", "正在证书介质上生成新密钥对……");
      break;
    case S::build_request:
      out.note("Building the certificate request...", "正在生成证书请求……");
      break;
    case S::sign_request:
      out.note("Signing the application with your certificate...", "正在用原证书签署申请……");
      break;
    case S::submit:
      out.note("Submitting to the renewal service...", "正在提交到续期服务……");
      break;
    case S::saved:
      out.note("Submitted.", "已提交。");
      break;
  }
}

ExitCode show_agreement(CliEnvironment& env) {
  auto& out = env.out();
  std::string lang(tag(out.language()));
  auto a = env.service().agreement(lang);
  out.text(a.text);
  out.document(
      {{"version", a.version}, {"language", a.language}, {"sha256", a.sha256}, {"text", a.text}});
  return ExitCode::ok;
}

ExitCode show_fees(CliEnvironment& env) {
  auto& out = env.out();
  auto fees = env.service().fees();
  bool en = out.language() == client::Language::en;
  for (const auto& p : fees.periods) {
    out.text(std::to_string(p.period_months) + out.tr(" months  ", "个月  ") + p.total.to_string() +
             out.tr(" yuan", " 元"));
    for (const auto& i : p.items)
      out.text("    " + (en ? i.name.en : i.name.zh) + "  " + i.unit_price.to_string() + "/" +
               i.unit + " x " + std::to_string(i.quantity) + " = " + i.subtotal.to_string());
  }
  out.text(out.tr("Delivery: ", "快递付款方式：") + fees.delivery.in(out.language()));
  out.text(out.tr("Invoice: ", "发票类型：") + fees.invoice_type.in(out.language()));
  out.document(fees.raw);
  return ExitCode::ok;
}

}  // namespace

nlohmann::json application_json(const client::RenewalFlow& flow) {
  nlohmann::json j = {{"step", client::code(flow.step())},
                      {"seed_step", client::seed_step(flow.step())}};
  if (flow.record()) {
    j["business_no"] = flow.record()->business_no;
    j["local_phase"] = client::code(flow.record()->phase);
  }
  if (flow.view()) j["application"] = flow.view()->raw;
  return j;
}

void print_application(const Output& out, const client::ApplicationView& v) {
  auto L = out.language();
  out.text(out.tr("Business number: ", "业务单号：") + v.business_no);
  out.text(out.tr("Business state: ", "业务状态：") + v.state_label.in(L));
  out.text(out.tr("Payment state: ", "支付状态：") + v.payment_label.in(L));
  out.text(out.tr("Recipient: ", "收件人：") + v.recipient_name + "  " + v.recipient_mobile + "  " +
           v.recipient_address);
  out.text(out.tr("Order: ", "订单编号：") + v.order.order_no + "  " + v.order.trade_type.in(L) +
           "  " + v.order.trade_state.in(L) + "  " + v.order.order_state.in(L) + "  " +
           v.order.created_at);
  for (const auto& i : v.fees.items)
    out.text("  " + i.name.in(L) + "  " + i.unit_price.to_string() + out.tr(" yuan/year", "元/年") +
             " x " + std::to_string(i.quantity) + " = " + i.subtotal.to_string() +
             out.tr(" yuan", "元"));
  out.text(out.tr("Delivery: ", "快递付款方式：") + v.delivery.in(L) + "    " +
           out.tr("Invoice: ", "发票类型：") + v.invoice_type.in(L));
  out.text(out.tr("Total: ¥", "总价：¥") + v.total.to_string());  // the currency once (issue 16.11)
  for (const auto& t : v.bank_transfers)
    out.text(out.tr("  transfer: ", "  银行转账：") + t.payer_name + " " + t.payer_account + " " +
             t.amount + " " + t.paid_on);
  if (v.state == protocol::BusinessState::rejected)
    out.text(out.tr("Rejected: ", "驳回原因：") + v.reject_reason);
  if (v.refund_due.fen() > 0)  // money paid twice, or after the application ended (issue 16)
    out.text(out.tr("Due for refund: ¥", "待退款：¥") + v.refund_due.to_string() +
             out.tr(" (a payment that was not needed; the CA refunds it the way it was paid)",
                    "（多余的付款，CA 将按原支付方式退还）"));
  if (v.state == protocol::BusinessState::under_review ||
      (v.state == protocol::BusinessState::entered &&
       v.payment_state == protocol::PaymentState::confirming))
    out.text(v.review_expectation.in(L));
}

client::RenewalFlow run_apply(CliEnvironment& env, const ApplyOptions& options) {
  auto& out = env.out();
  const bool interactive = stdin_is_terminal();
  client::RenewalFlow flow(env.flow_context());
  auto cert = env.inventory().select_certificate(options.certificate);
  flow.choose(cert);
  if (flow.step() == client::FlowStep::service_hall) throw *flow.blocked_reason();
  if (flow.step() != client::FlowStep::renewal_panel) {
    out.note("An application for this certificate is already open: " + flow.record()->business_no,
             "该证书已有未完成的申请：" + flow.record()->business_no);
    return flow;
  }
  flow.start_application();

  const auto& agreement = flow.load_agreement(out.language());
  bool accepted = options.accept_agreement;
  if (!accepted) {
    if (!interactive)
      throw UsageError(
          "the agreement must be accepted: read it with `certrenew-cli agreement`, "
          "then pass --accept-agreement",
          "须接受电子认证服务协议：可用 certrenew-cli agreement 阅读，然后加上 "
          "--accept-agreement");
    std::cerr << agreement.text << "\n";
    accepted = confirm(out, "I accept the electronic certification service agreement",
                       "我接受电子认证服务协议内容");
  }
  flow.accept_agreement(accepted);

  const auto& fees = flow.load_fees();
  client::RenewalForm form;
  if (!options.form_file.empty()) form = read_form_file(options.form_file);
  if (options.period_months) form.period_months = options.period_months;
  for (;;) {
    auto problems = flow.submit_form(form);
    if (problems.empty()) break;
    if (!interactive)
      throw FlowError(FlowError::Kind::form_invalid, "The form has problems.", "申请表填写有误。")
          .with_problems(problems);
    form = ask_form(out, form, fees, problems);
  }

  auto token = env.inventory().find_token(cert.token.id);
  SecureBuffer pin = read_pin(out, options.pin, token ? token->info : cert.token);
  flow.sign_and_submit(pin, [&](client::SignStage s) { print_progress(out, s); });
  return flow;
}

void add_apply_command(CLI::App& app, const Select& select) {
  auto options = std::make_shared<ApplyOptions>();
  auto* apply = app.add_subcommand(
      "apply", "Steps 1-5: accept the agreement, fill the form, sign with the PIN and submit");
  apply->add_option("--cert", options->certificate,
                    "certificate: fingerprint prefix (see `certs`) or token-serial/label");
  apply->add_option("--period", options->period_months, "renewal period in months");
  apply->add_option("--form", options->form_file, "the form as JSON (see docs/cli.md)");
  apply->add_flag("--accept-agreement", options->accept_agreement,
                  "accept the electronic certification service agreement");
  apply->add_option("--pin-file", options->pin.pin_file,
                    "read the PIN from the first line of FILE");
  apply->add_option("--pin-env", options->pin.pin_env,
                    "read the PIN from this environment variable");
  apply->callback([select, options] {
    select([options](CliEnvironment& env) {
      auto flow = run_apply(env, *options);
      auto& out = env.out();
      if (flow.view()) print_application(out, *flow.view());
      out.line("Next: pay with `certrenew-cli pay bank-transfer " + flow.record()->business_no +
                   "` or `pay online`, or cancel with `certrenew-cli cancel`.",
               "下一步：用 certrenew-cli pay bank-transfer " + flow.record()->business_no +
                   " 或 pay online 缴费，或用 certrenew-cli cancel 撤销申请。");
      out.document(application_json(flow));
      return ExitCode::ok;
    });
  });
  app.add_subcommand("agreement", "Show the electronic certification service agreement")
      ->callback([select] { select(show_agreement); });
  app.add_subcommand("fees", "Show the renewal periods and their fees")->callback([select] {
    select(show_fees);
  });
}

}  // namespace certrenew::cli
