// Steps 6-9 on an application already submitted: `status`, `pay bank-transfer`, `pay online`,
// `cancel`, `install`. Each resumes the flow from the local record and the service's state.
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "certrenew/core/x509/time_format.hpp"
#include "commands.hpp"
#include "terminal_qr.hpp"

namespace certrenew::cli {
namespace {

using client::FlowError;
using client::FlowStep;

bool waiting(FlowStep s) {
  return s == FlowStep::payment || s == FlowStep::waiting_review;
}

ExitCode closed_or_ok(const client::RenewalFlow& flow) {
  if (flow.step() == FlowStep::rejected || flow.step() == FlowStep::cancelled)
    return ExitCode::closed;
  return ExitCode::ok;
}

std::vector<client::BankTransferRecord> read_records_file(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw UsageError("cannot read " + file, "无法读取 " + file);
  std::stringstream text;
  text << in.rdbuf();
  std::vector<client::BankTransferRecord> out;
  try {
    auto j = nlohmann::json::parse(text.str());
    if (j.is_object() && j.contains("records")) j = j["records"];
    if (!j.is_array())
      throw UsageError(file + ": a list of records expected", file + "：应为转账记录列表");
    for (const auto& r : j) out.push_back(client::bank_transfer_from_json(r));
  } catch (const nlohmann::json::exception& e) {
    throw UsageError(file + " is not JSON: " + e.what(), file + " 不是 JSON：" + e.what());
  } catch (const client::ServiceError& e) {
    throw UsageError(file + ": " + e.what(), file + "：" + e.what());
  }
  return out;
}

struct StatusOptions {
  std::string business_no;
  bool wait = false;
  int timeout = 600;
  int interval = 5;
};

ExitCode show_status(CliEnvironment& env, const StatusOptions& o) {
  auto& out = env.out();
  if (o.business_no.empty()) {
    auto listing = env.store().list();
    nlohmann::json list = nlohmann::json::array();
    for (auto& r : listing.records) {
      std::string no = r.business_no;
      try {
        auto flow = client::RenewalFlow::resume(env.flow_context(), std::move(r));
        list.push_back(application_json(flow));
        out.text(no + "  " + std::string(client::code(flow.step())) +
                 (flow.view() ? "  " + flow.view()->state_label.in(out.language()) + " / " +
                                    flow.view()->payment_label.in(out.language())
                              : ""));
      } catch (const FlowError& e) {
        list.push_back({{"business_no", no}, {"error", e.message_en()}});
        out.text(no + "  " + e.message(out.language()));
      }
    }
    for (const auto& u : listing.unreadable)
      out.note("Unreadable record " + u.file.string() + ": " + u.reason,
               "无法读取的记录 " + u.file.string() + "：" + u.reason);
    if (listing.records.empty())
      out.line("No applications on this computer.", "本机没有续期申请记录。");
    out.document({{"applications", list}});
    return ExitCode::ok;
  }
  auto flow = client::RenewalFlow::resume(env.flow_context(), env.record(o.business_no));
  if (o.wait) {
    ExitCode code = wait_for_review(env, flow, o.timeout, o.interval);
    if (code != ExitCode::ok && code != ExitCode::closed) return code;
  }
  if (flow.view()) print_application(out, *flow.view());
  out.document(application_json(flow));
  return closed_or_ok(flow);
}

struct TransferOptions {
  std::string business_no;
  std::string records_file;
  client::BankTransferRecord record;
};

ExitCode pay_bank_transfer(CliEnvironment& env, const TransferOptions& o) {
  auto& out = env.out();
  auto flow = client::RenewalFlow::resume(env.flow_context(), env.record(o.business_no));
  if (!flow.view())
    throw FlowError(FlowError::Kind::service_unreachable, "The service's state is unknown.",
                    "无法获取申请状态。");
  const auto& account = flow.view()->bank_account;
  out.text(out.tr("Transfer to: ", "开户公司名称：") + account.company);
  out.text(out.tr("Account: ", "开户账号：") + account.account);
  out.text(out.tr("Bank: ", "开户行：") + account.bank);
  out.text(out.tr("Amount due: ", "应付金额：") + flow.view()->total.to_string());
  std::vector<client::BankTransferRecord> records;
  if (!o.records_file.empty())
    records = read_records_file(o.records_file);
  else if (!o.record.payer_account.empty() || !o.record.amount.empty())
    records.push_back(o.record);
  else
    records = ask_bank_transfers(out, *flow.view());
  flow.save_bank_transfers(records);
  out.line("Saved. Finance confirms the transfer; then the back office reviews the application.",
           "已保存。财务确认到账后，后台人员将审核您的申请。");
  print_application(out, *flow.view());
  out.document(application_json(flow));
  return ExitCode::ok;
}

struct OnlineOptions {
  std::string business_no;
  bool wait = false;
  int timeout = 600;
  int interval = 3;
};

ExitCode pay_online(CliEnvironment& env, const OnlineOptions& o) {
  auto& out = env.out();
  auto flow = client::RenewalFlow::resume(env.flow_context(), env.record(o.business_no));
  auto payment = flow.start_online_payment();
  print_online_payment(out, payment);
  nlohmann::json j = application_json(flow);
  j["payment"] = {{"payment_id", payment.payment_id},
                  {"amount_fen", payment.amount.fen()},
                  {"pay_url", payment.pay_url},
                  {"qr_text", payment.qr_text},
                  {"gateway", payment.gateway}};
  if (o.wait) {
    out.note("Waiting for the payment...", "正在等待支付结果……");
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(o.timeout);
    while (flow.view()->payment_state != protocol::PaymentState::paid) {
      if (std::chrono::steady_clock::now() > deadline) {
        out.document(j);
        return ExitCode::not_ready;
      }
      std::this_thread::sleep_for(std::chrono::seconds(o.interval));
      flow.refresh();
      if (flow.step() == FlowStep::cancelled) return ExitCode::closed;
    }
    out.line("Paid.", "支付成功。");
    j["application"] = flow.view()->raw;
    j["step"] = client::code(flow.step());
  }
  out.document(j);
  return ExitCode::ok;
}

struct CancelOptions {
  std::string business_no;
  bool yes = false;
};

ExitCode cancel_application(CliEnvironment& env, const CancelOptions& o) {
  auto& out = env.out();
  auto flow = client::RenewalFlow::resume(env.flow_context(), env.record(o.business_no));
  if (!o.yes) {
    if (!stdin_is_terminal())
      throw UsageError("cancelling needs --yes when there is no terminal to confirm",
                       "没有终端确认时，撤销申请须加 --yes");
    if (!confirm(out, "Cancel application " + o.business_no + "?",
                 "确定撤销申请 " + o.business_no + "？"))
      return ExitCode::ok;
  }
  flow.cancel();
  out.line("The application is cancelled.", "申请已撤销。");
  out.document(application_json(flow));
  return ExitCode::ok;
}

struct InstallOptions {
  std::string business_no;
  PinOptions pin;
};

ExitCode install_certificate(CliEnvironment& env, const InstallOptions& o) {
  auto flow = client::RenewalFlow::resume(env.flow_context(), env.record(o.business_no));
  return run_install(env, flow, o.pin);
}

void print_install_stage(const Output& out, client::InstallStage stage) {
  using S = client::InstallStage;
  switch (stage) {
    case S::download:
      out.note("Downloading the renewed certificate...", "正在下载续期后的证书……");
      break;
    case S::verify:
      out.note("Verifying it...", "正在校验证书……");
      break;
    case S::login:
      out.note("Logging in to the token...", "正在登录证书介质……");
      break;
    case S::write:
      out.note("Writing it to the token...", "正在写入证书介质……");
      break;
    case S::read_back:
      out.note("Reading it back...", "正在读回核对……");
      break;
    case S::confirm:
      out.note("Confirming to the service...", "正在向续期服务确认……");
      break;
    case S::retire:
      break;
    case S::done:
      out.note("Installed.", "安装完成。");
      break;
  }
}

}  // namespace

ExitCode wait_for_review(CliEnvironment& env, client::RenewalFlow& flow, int timeout_seconds,
                         int interval_seconds) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  bool told = false;
  while (waiting(flow.step())) {
    if (!told) {
      env.out().note("Waiting for the review (usually 1-3 working days)...",
                     "正在等待审核（通常需要1~3个工作日）……");
      told = true;
    }
    if (std::chrono::steady_clock::now() > deadline) return ExitCode::not_ready;
    std::this_thread::sleep_for(std::chrono::seconds(interval_seconds));
    flow.refresh();
  }
  return closed_or_ok(flow);
}

std::vector<client::BankTransferRecord> ask_bank_transfers(const Output& out,
                                                           const client::ApplicationView& view) {
  std::vector<client::BankTransferRecord> records = view.bank_transfers;
  do {
    client::BankTransferRecord r;
    r.payer_account = ask(out, "Payer account", "付款账号");
    r.payer_name = ask(out, "Payer account name", "付款账户名");
    r.amount = ask(out, "Amount (yuan)", "转账金额（元）", view.total.to_string());
    r.paid_on = ask(out, "Date (YYYY-MM-DD)", "付款日期（YYYY-MM-DD）");
    r.remarks = ask(out, "Remarks (optional)", "备注说明（可不填）");
    records.push_back(r);
  } while (confirm(out, "Add another transfer?", "点击添加更多银行转账信息？"));
  return records;
}

void print_online_payment(const Output& out, const client::OnlinePayment& payment) {
  out.text(out.tr("Pay ", "请支付 ") + payment.amount.to_string() +
           out.tr(" yuan online: ", " 元，在线支付地址："));
  out.text(payment.pay_url);
  if (!out.json()) std::cout << terminal_qr(payment.qr_text);
}

ExitCode run_install(CliEnvironment& env, client::RenewalFlow& flow, const PinOptions& pin) {
  auto& out = env.out();
  if (flow.step() != FlowStep::ready_to_install) {
    if (flow.view()) print_application(out, *flow.view());
    if (flow.step() == FlowStep::done) {
      out.line("This application is already installed.", "该申请的证书已安装。");
      out.document(application_json(flow));
      return ExitCode::ok;
    }
    throw FlowError(
        FlowError::Kind::not_ready,
        "The certificate cannot be installed yet: the application is at \"" +
            std::string(client::code(flow.step())) + "\".",
        "证书暂不能安装：申请当前状态为“" +
            (flow.view() ? flow.view()->state_label.zh : std::string(client::code(flow.step()))) +
            "”。");
  }
  auto token = env.inventory().find_token(flow.record()->token_id);
  if (!token)
    throw FlowError(FlowError::Kind::token_missing,
                    "Plug in the token " + flow.record()->token_id + " to install the certificate.",
                    "请插入证书介质 " + flow.record()->token_id + " 以安装证书。");
  SecureBuffer secret = read_pin(out, pin, token->info);
  auto result = flow.install(secret, [&](client::InstallStage s) { print_install_stage(out, s); });
  auto old_cert = x509::parse_certificate(result.old_certificate);
  auto new_cert = x509::parse_certificate(result.new_certificate);
  out.line("The renewal is complete: the certificate's validity is extended.",
           "在线续期操作已成功，证书有效期已经延长。");
  out.text(out.tr("  before: valid until ", "  续期前：有效期至 ") +
           x509::format_local(old_cert.not_after));
  out.text(out.tr("  now:    valid until ", "  续期后：有效期至 ") +
           x509::format_local(new_cert.not_after));
  nlohmann::json j = application_json(flow);
  j["old_not_after"] = client::format_utc_iso(old_cert.not_after);
  j["new_not_after"] = client::format_utc_iso(new_cert.not_after);
  j["old_retired"] = result.old_retired;
  out.document(j);
  return ExitCode::ok;
}

void add_application_commands(CLI::App& app, const Select& select) {
  {
    auto o = std::make_shared<StatusOptions>();
    auto* c = app.add_subcommand("status",
                                 "Step 8: query the progress (查询进度) of an application, "
                                 "or of all applications on this computer");
    c->add_option("business_no", o->business_no, "business number (业务单号)");
    c->add_flag("--wait", o->wait, "poll until the application is approved, rejected or cancelled");
    c->add_option("--timeout", o->timeout, "with --wait: give up after this many seconds")
        ->check(CLI::PositiveNumber);
    c->add_option("--interval", o->interval, "with --wait: seconds between queries")
        ->check(CLI::PositiveNumber);
    c->callback([select, o] { select([o](CliEnvironment& env) { return show_status(env, *o); }); });
  }
  auto* pay = app.add_subcommand("pay", "Steps 6-7: pay for an application");
  pay->require_subcommand(1);
  {
    auto o = std::make_shared<TransferOptions>();
    auto* c = pay->add_subcommand("bank-transfer", "Record bank transfers (银行转账)");
    c->add_option("business_no", o->business_no, "business number")->required();
    c->add_option("--records", o->records_file, "JSON file with a list of transfer records");
    c->add_option("--payer-account", o->record.payer_account, "付款账号");
    c->add_option("--payer-name", o->record.payer_name, "付款账户名");
    c->add_option("--amount", o->record.amount, "转账金额 in yuan, e.g. 200.00");
    c->add_option("--date", o->record.paid_on, "付款日期 YYYY-MM-DD");
    c->add_option("--remarks", o->record.remarks, "备注说明");
    c->callback(
        [select, o] { select([o](CliEnvironment& env) { return pay_bank_transfer(env, *o); }); });
  }
  {
    auto o = std::make_shared<OnlineOptions>();
    auto* c = pay->add_subcommand("online", "Pay online (在线支付): prints the link and a QR code");
    c->add_option("business_no", o->business_no, "business number")->required();
    c->add_flag("--wait", o->wait, "wait until the payment arrives");
    c->add_option("--timeout", o->timeout, "with --wait: seconds")->check(CLI::PositiveNumber);
    c->callback([select, o] { select([o](CliEnvironment& env) { return pay_online(env, *o); }); });
  }
  {
    auto o = std::make_shared<CancelOptions>();
    auto* c = app.add_subcommand("cancel",
                                 "Cancel an application (撤销申请) before payment is confirmed");
    c->add_option("business_no", o->business_no, "business number")->required();
    c->add_flag("--yes,-y", o->yes, "do not ask for confirmation");
    c->callback(
        [select, o] { select([o](CliEnvironment& env) { return cancel_application(env, *o); }); });
  }
  {
    auto o = std::make_shared<InstallOptions>();
    auto* c = app.add_subcommand("install", "Step 9: install the renewed certificate (安装证书)");
    c->add_option("business_no", o->business_no, "business number")->required();
    c->add_option("--pin-file", o->pin.pin_file, "read the PIN from the first line of FILE");
    c->add_option("--pin-env", o->pin.pin_env, "read the PIN from this environment variable");
    c->callback(
        [select, o] { select([o](CliEnvironment& env) { return install_certificate(env, *o); }); });
  }
}

}  // namespace certrenew::cli
