// `renew`: the whole ten steps interactively, as the security client's wizard does, reusing the
// step commands' pieces. It stops where the user has to wait (payment confirmation, review) and
// says how to continue, unless --wait is given.
#include <iostream>

#include "cli_text.hpp"
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
              << out.tr(cli_text("renew.days_left")) << '\n';
  for (;;) {
    std::string a = ask(out, cli_text("renew.which_certificate"), "1");
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
    throw UsageError(cli_text("renew.needs_terminal"));
  if (o.apply.certificate.empty()) o.apply.certificate = pick_certificate(env);
  auto flow = run_apply(env, o.apply);
  if (flow.view()) print_application(out, *flow.view());

  if (flow.step() == client::FlowStep::payment) {
    std::string how = ask(out, cli_text("renew.how_to_pay"), "1");
    if (how == "1") {
      const auto& a = flow.view()->bank_account;
      out.text(out.tr(cli_text("renew.transfer_to", a.company, a.account, a.bank)));
      flow.save_bank_transfers(ask_bank_transfers(out, *flow.view()));
    } else if (how == "2") {
      print_online_payment(out, flow.start_online_payment());
      ask(out, cli_text("renew.press_enter_after_paying"));
      flow.refresh();
    } else if (how == "4") {
      if (confirm(out, cli_text("renew.cancel_question"))) {
        flow.cancel();
        out.line(cli_text("renew.cancelled"));
        return ExitCode::ok;
      }
    }
  }
  if (flow.step() == client::FlowStep::payment || flow.step() == client::FlowStep::waiting_review) {
    if (!o.wait) {
      out.line(cli_text("renew.waiting_review", flow.record()->business_no));
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
  add_notify_flags(c, o->apply);
  c->add_flag("--wait", o->wait, "wait for the review and install when approved");
  c->add_option("--timeout", o->timeout, "with --wait: seconds")->check(CLI::PositiveNumber);
  c->callback([select, o] { select([o](CliEnvironment& env) { return renew(env, *o); }); });
}

}  // namespace certrenew::cli
