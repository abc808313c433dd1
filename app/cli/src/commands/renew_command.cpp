// `renew`: the whole ten steps interactively, as the security client's wizard does, reusing the
// step commands' pieces. It stops where the user has to wait (payment confirmation, review) and
// says how to continue, unless --wait is given.
#include <iostream>

#include "commands.hpp"

namespace certrenew::cli {
namespace {

struct RenewOptions {
  ApplyOptions apply;
  bool wait = false;
  int timeout = 3600;
  int interval = 10;
};

// Several certificates: list them and let the user pick one by number.
std::string pick_certificate(CliEnvironment& env) {
  auto certs = env.inventory().certificates();
  if (certs.size() <= 1) return {};
  auto& out = env.out();
  for (std::size_t i = 0; i < certs.size(); ++i)
    std::cerr << "  [" << i + 1 << "] " << certs[i].certificate.subject.display() << "  ("
              << certs[i].token.label << ", "
              << certs[i].certificate.days_left(std::chrono::system_clock::now())
              << out.tr(" days left)", " 天后到期)") << '\n';
  for (;;) {
    std::string a = ask(out, "Certificate to renew (number)", "要续期的证书（序号）", "1");
    try {
      std::size_t n = std::stoul(a);
      if (n >= 1 && n <= certs.size()) return to_hex(certs[n - 1].certificate.sha256_fingerprint);
    } catch (const std::exception&) {
    }
  }
}

ExitCode renew(CliEnvironment& env, RenewOptions o) {
  auto& out = env.out();
  if (!stdin_is_terminal() && (!o.apply.accept_agreement || o.apply.form_file.empty()))
    throw UsageError("`renew` is interactive; without a terminal use `apply` and the step commands",
                     "renew 为交互式命令；没有终端时请使用 apply 及各步骤命令");
  if (o.apply.certificate.empty()) o.apply.certificate = pick_certificate(env);
  auto flow = run_apply(env, o.apply);
  if (flow.view()) print_application(out, *flow.view());

  if (flow.step() == client::FlowStep::payment) {
    std::string how =
        ask(out, "Pay by [1] bank transfer, [2] online, [3] later, [4] cancel the application",
            "缴费方式：[1] 银行转账 [2] 在线支付 [3] 稍后 [4] 撤销申请", "1");
    if (how == "1") {
      const auto& a = flow.view()->bank_account;
      out.text(out.tr("Transfer to: ", "开户公司名称：") + a.company + "  " + a.account + "  " +
               a.bank);
      flow.save_bank_transfers(ask_bank_transfers(out, *flow.view()));
    } else if (how == "2") {
      print_online_payment(out, flow.start_online_payment());
      ask(out, "Press Enter after paying", "支付完成后请按回车");
      flow.refresh();
    } else if (how == "4") {
      if (confirm(out, "Cancel this application?", "确定撤销申请？")) {
        flow.cancel();
        out.line("The application is cancelled.", "申请已撤销。");
        return ExitCode::ok;
      }
    }
  }
  if (flow.step() == client::FlowStep::payment || flow.step() == client::FlowStep::waiting_review) {
    if (!o.wait) {
      out.line(
          "Your application waits for payment confirmation and review (usually 1-3 working "
          "days). Check with `certrenew-cli status " +
              flow.record()->business_no + "`, then install with `certrenew-cli install " +
              flow.record()->business_no + "`.",
          "您的申请正在等待确认付款及审核（通常需要1~3个工作日）。可用 certrenew-cli status " +
              flow.record()->business_no + " 查询进度，审核通过后用 certrenew-cli install " +
              flow.record()->business_no + " 安装证书。");
      out.document(application_json(flow));
      return ExitCode::ok;
    }
    ExitCode waited = wait_for_review(env, flow, o.timeout, o.interval);
    if (waited != ExitCode::ok) {
      if (flow.view()) print_application(out, *flow.view());
      return waited;
    }
  }
  if (flow.step() == client::FlowStep::ready_to_install) return run_install(env, flow, o.apply.pin);
  if (flow.view()) print_application(out, *flow.view());
  out.document(application_json(flow));
  return flow.step() == client::FlowStep::rejected || flow.step() == client::FlowStep::cancelled
             ? ExitCode::closed
             : ExitCode::ok;
}

}  // namespace

void add_renew_command(CLI::App& app, const Select& select) {
  auto o = std::make_shared<RenewOptions>();
  auto* c = app.add_subcommand("renew", "The whole renewal, step by step, asking on the terminal");
  c->add_option("--cert", o->apply.certificate, "certificate: fingerprint prefix or serial/label");
  c->add_option("--period", o->apply.period_months, "renewal period in months");
  c->add_option("--form", o->apply.form_file, "the form as JSON");
  c->add_flag("--accept-agreement", o->apply.accept_agreement, "accept the agreement");
  c->add_option("--pin-file", o->apply.pin.pin_file, "read the PIN from the first line of FILE");
  c->add_option("--pin-env", o->apply.pin.pin_env, "read the PIN from this environment variable");
  c->add_flag("--wait", o->wait, "wait for the review and install when approved");
  c->add_option("--timeout", o->timeout, "with --wait: seconds")->check(CLI::PositiveNumber);
  c->callback([select, o] { select([o](CliEnvironment& env) { return renew(env, *o); }); });
}

}  // namespace certrenew::cli
