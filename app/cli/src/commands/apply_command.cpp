// Steps 1-5 (`apply`), and the service's public facts (`agreement`, `fees`).
#include <fstream>
#include <iostream>
#include <sstream>

#include "certrenew/client/catalogues.hpp"
#include "certrenew/client/format_text.hpp"
#include "cli_text.hpp"
#include "commands.hpp"

namespace certrenew::cli {
namespace {

using client::FlowError;

client::RenewalForm read_form_file(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw UsageError(cli_text("form_file.unreadable", file));
  std::stringstream text;
  text << in.rdbuf();
  try {
    return client::renewal_form_from_json(nlohmann::json::parse(text.str()));
  } catch (const nlohmann::json::exception& e) {
    throw UsageError(cli_text("form_file.not_json", file, e.what()));
  } catch (const std::invalid_argument& e) {
    throw UsageError(cli_text("form_file.problem", file, e.what()));
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
      std::cerr << "  "
                << out.tr(cli_text("form.period_line", p.period_months, p.total.to_string()))
                << '\n';
    std::string months =
        ask(out, cli_text("form.period_months"),
            std::to_string(fees.periods.empty() ? 12 : fees.periods[0].period_months));
    try {
      form.period_months = std::stoi(months);
    } catch (const std::exception&) {
      form.period_months = 0;
    }
  }
  // The question for a field is the catalogue's "form.<field>".
  auto field = [&](const std::string& id, std::string& value) {
    if (value.empty() || bad(id.c_str())) value = ask(out, cli_text("form." + id), value);
  };
  auto& op = form.operator_info;
  field("operator.id_number", op.id_number);
  field("operator.name", op.name);
  field("operator.mobile", op.mobile);
  field("operator.email", op.email);
  if (form.recipient.name.empty() && form.recipient.mobile.empty() &&
      confirm(out, cli_text("form.copy_operator")))
    form.copy_operator_to_recipient();
  auto& r = form.recipient;
  field("recipient.name", r.name);
  field("recipient.mobile", r.mobile);
  field("recipient.address", r.address);
  return form;
}

void print_progress(const Output& out, client::SignStage stage) {
  out.note(cli_text("sign." + std::string(client::code(stage))));
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
    out.text(out.tr(cli_text("fees.period", p.period_months, p.total.to_string())));
    for (const auto& i : p.items)
      out.text("    " + (en ? i.name.en : i.name.zh) + "  " + i.unit_price.to_string() + "/" +
               i.unit + " x " + std::to_string(i.quantity) + " = " + i.subtotal.to_string());
  }
  out.text(out.tr(cli_text("fees.delivery")) + fees.delivery.in(out.language()));
  out.text(out.tr(cli_text("fees.invoice")) + fees.invoice_type.in(out.language()));
  out.document(protocol::encode(fees));
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
  if (flow.view()) j["application"] = protocol::encode(*flow.view());
  return j;
}

void print_application(const Output& out, const client::ApplicationView& v) {
  auto L = out.language();
  auto said = [&](std::string_view id) { return out.tr(cli_text(id)); };
  out.text(said("view.business_no") + v.business_no);
  out.text(said("view.business_state") + v.state_label.in(L));
  out.text(said("view.payment_state") + v.payment_label.in(L));
  out.text(said("view.recipient") + v.recipient_name + "  " + v.recipient_mobile + "  " +
           v.recipient_address);
  out.text(said("view.order") + v.order.order_no + "  " + v.order.trade_type.in(L) + "  " +
           v.order.trade_state.in(L) + "  " + v.order.order_state.in(L) + "  " +
           v.order.created_at);
  for (const auto& i : v.fees.items)
    out.text("  " + i.name.in(L) + "  " +
             out.tr(cli_text("view.fee_item", i.unit_price.to_string(), i.quantity,
                             i.subtotal.to_string())));
  out.text(said("fees.delivery") + v.delivery.in(L) + "    " + said("fees.invoice") +
           v.invoice_type.in(L));
  out.text(out.tr(cli_text("view.total", v.total.to_string())));
  for (const auto& t : v.bank_transfers)
    out.text(said("view.transfer") + t.payer_name + " " + t.payer_account + " " +
             t.amount.to_string() + " " + t.paid_on);
  if (v.state == protocol::BusinessState::rejected)
    out.text(said("view.rejected") + v.reject_reason);
  if (v.refund_due.fen() > 0)  // money paid twice, or after the application ended (issue 16)
    out.text(out.tr(cli_text("view.refund_due", v.refund_due.to_string())));
  if (v.state == protocol::BusinessState::under_review ||
      (v.state == protocol::BusinessState::entered &&
       v.payment_state == protocol::PaymentState::confirming))
    out.text(v.review_expectation.in(L));
}

// SM2 dual-certificate holders (issue 21): bids sealed to the current encryption certificate
// stay readable after the renewal; the holder is asked, and told why.
static void ask_about_sealed_bids(const Output& out, const client::CertificateEntry& cert,
                                  bool interactive) {
  if (!cert.encryption_certificate) return;
  const auto& words = client::catalogues::flow_words();
  const Text explanation = client::format_text(words.at("sealed_bids.explanation"));
  if (interactive && !confirm(out, client::format_text(words.at("sealed_bids.question")))) return;
  out.note(explanation);
}

client::RenewalFlow run_apply(CliEnvironment& env, const ApplyOptions& options) {
  auto& out = env.out();
  const bool interactive = stdin_is_terminal();
  client::RenewalFlow flow(env.flow_context());
  auto cert = env.inventory().select_certificate(options.certificate);
  flow.choose(cert);
  if (flow.step() == client::FlowStep::service_hall) throw *flow.blocked_reason();
  if (flow.step() != client::FlowStep::renewal_panel) {
    out.note(cli_text("apply.already_open", flow.record()->business_no));
    return flow;
  }
  ask_about_sealed_bids(out, cert, interactive);
  flow.start_application();

  const auto& agreement = flow.load_agreement(out.language());
  bool accepted = options.accept_agreement;
  if (!accepted) {
    if (!interactive) throw UsageError(cli_text("apply.agreement_needed"));
    std::cerr << agreement.text << "\n";
    accepted = confirm(out, cli_text("apply.accept_agreement"));
  }
  flow.accept_agreement(accepted);

  const auto& fees = flow.load_fees();
  client::RenewalForm form;
  if (!options.form_file.empty()) {
    form = read_form_file(options.form_file);
  } else if (flow.remembered_contacts()) {  // issue 19: the last application's contacts
    form = flow.initial_form();
    out.note(cli_text("contacts.filled"));
  }
  if (options.period_months) form.period_months = options.period_months;
  if (options.no_email) form.notify.email = false;
  if (options.no_sms) form.notify.sms = false;
  for (;;) {
    auto problems = flow.submit_form(form);
    if (problems.empty()) break;
    if (!interactive)
      throw FlowError(FlowError::Kind::form_invalid, cli_text("form.has_problems"))
          .with_problems(problems);
    form = ask_form(out, form, fees, problems);
  }

  auto token = env.inventory().find_token(cert.token.id);
  SecureBuffer pin = read_pin(out, options.pin, token ? token->info : cert.token);
  flow.sign_and_submit(pin, [&](client::SignStage s) { print_progress(out, s); });
  return flow;
}

void add_notify_flags(CLI::App* command, ApplyOptions& options) {
  command->add_flag("--no-email", options.no_email,
                    "no e-mail from the CA about this application or the new certificate's expiry");
  command->add_flag("--no-sms", options.no_sms,
                    "no SMS from the CA about this application or the new certificate's expiry");
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
  add_notify_flags(apply, *options);
  apply->callback([select, options] {
    select([options](CliEnvironment& env) {
      auto flow = run_apply(env, *options);
      auto& out = env.out();
      if (flow.view()) print_application(out, *flow.view());
      out.line(cli_text("apply.next", flow.record()->business_no));
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
