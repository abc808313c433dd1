// Steps 6-9 on an application already submitted: `status`, `pay bank-transfer`, `pay online`,
// `cancel`, `install`. Each resumes the flow from the local record and the service's state.
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>
#include <tuple>

#include "certrenew/core/protocol/dual_certificates.hpp"
#include "certrenew/core/x509/time_format.hpp"
#include "cli_text.hpp"
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
  if (!in) throw UsageError(cli_text("records_file.unreadable", file));
  std::stringstream text;
  text << in.rdbuf();
  std::vector<client::BankTransferRecord> out;
  try {
    auto j = nlohmann::json::parse(text.str());
    if (j.is_object() && j.contains("records")) j = j["records"];
    if (!j.is_array()) throw UsageError(cli_text("records_file.not_a_list", file));
    for (const auto& r : j) out.push_back(client::bank_transfer_from_json(r));
  } catch (const nlohmann::json::exception& e) {
    throw UsageError(cli_text("records_file.not_json", file, e.what()));
  } catch (const client::ServiceError& e) {
    throw UsageError(cli_text("records_file.problem", file, e.what()));
  }
  return out;
}

// An application to show, and with --wait how long to keep asking and how often (status, pay
// online).
struct WaitOptions {
  std::string business_no;
  bool wait = false;
  int timeout = 600;
  int interval = 5;
};

ExitCode show_status(CliEnvironment& env, const WaitOptions& o) {
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
      out.note(cli_text("status.unreadable_record", u.file.string(), u.reason));
    if (listing.records.empty()) out.line(cli_text("status.none"));
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
    throw FlowError(FlowError::Kind::service_unreachable, cli_text("status.unknown"));
  const auto& account = flow.view()->bank_account;
  out.text(out.tr(cli_text("transfer.to")) + account.company);
  out.text(out.tr(cli_text("transfer.account")) + account.account);
  out.text(out.tr(cli_text("transfer.bank")) + account.bank);
  out.text(out.tr(cli_text("transfer.due")) + flow.view()->total.to_string());
  std::vector<client::BankTransferRecord> records;
  if (!o.records_file.empty())
    records = read_records_file(o.records_file);
  else if (!o.record.payer_account.empty() || !o.record.amount.empty())
    records.push_back(o.record);
  else
    records = ask_bank_transfers(out, *flow.view());
  flow.save_bank_transfers(records);
  out.line(cli_text("transfer.saved"));
  print_application(out, *flow.view());
  out.document(application_json(flow));
  return ExitCode::ok;
}

ExitCode pay_online(CliEnvironment& env, const WaitOptions& o) {
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
    out.note(cli_text("online.waiting"));
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
    out.line(cli_text("online.paid"));
    j["application"] = protocol::encode(*flow.view());
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
    if (!stdin_is_terminal()) throw UsageError(cli_text("cancel.needs_yes"));
    if (!confirm(out, cli_text("cancel.question", o.business_no))) return ExitCode::ok;
  }
  flow.cancel();
  out.line(cli_text("cancel.done"));
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
  // retire has no line of its own: the old certificate's fate is in the result.
  if (stage != client::InstallStage::retire)
    out.note(cli_text("install." + std::string(client::code(stage))));
}

}  // namespace

ExitCode wait_for_review(CliEnvironment& env, client::RenewalFlow& flow, int timeout_seconds,
                         int interval_seconds) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  bool told = false;
  while (waiting(flow.step())) {
    if (!told) {
      env.out().note(cli_text("install.waiting_review"));
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
  std::vector<client::BankTransferRecord> records = protocol::as_requests(view.bank_transfers);
  do {
    client::BankTransferRecord r;
    r.payer_account = ask(out, cli_text("transfer.payer_account"));
    r.payer_name = ask(out, cli_text("transfer.payer_name"));
    r.amount = ask(out, cli_text("transfer.amount"), view.total.to_string());
    r.paid_on = ask(out, cli_text("transfer.paid_on"));
    r.remarks = ask(out, cli_text("transfer.remarks"));
    records.push_back(r);
  } while (confirm(out, cli_text("transfer.another")));
  return records;
}

void print_online_payment(const Output& out, const client::OnlinePayment& payment) {
  out.text(out.tr(cli_text("online.pay", payment.amount.to_string())));
  out.text(payment.pay_url);
  if (!out.json()) std::cout << terminal_qr(payment.qr_text);
}

ExitCode run_install(CliEnvironment& env, client::RenewalFlow& flow, const PinOptions& pin) {
  auto& out = env.out();
  if (flow.step() != FlowStep::ready_to_install) {
    if (flow.view()) print_application(out, *flow.view());
    if (flow.step() == FlowStep::done) {
      out.line(cli_text("install.already"));
      out.document(application_json(flow));
      return ExitCode::ok;
    }
    const std::string step(client::code(flow.step()));
    throw FlowError(
        FlowError::Kind::not_ready,
        client::format_text_in_words(cli_messages().at("install.not_yet"), [&](Language language) {
          const bool label = language == Language::zh_CN && flow.view();
          return std::tuple(label ? flow.view()->state_label.zh : step);
        }));
  }
  auto token = env.inventory().find_token(flow.record()->token_id);
  if (!token)
    throw FlowError(FlowError::Kind::token_missing,
                    cli_text("install.plug_in", flow.record()->token_id));
  SecureBuffer secret = read_pin(out, pin, token->info);
  auto result = flow.install(secret, [&](client::InstallStage s) { print_install_stage(out, s); });
  auto old_cert = x509::parse_certificate(result.old_certificate);
  auto new_cert = x509::parse_certificate(result.new_certificate);
  out.line(cli_text("install.complete"));
  out.text(out.tr(cli_text("install.before")) + x509::format_local(old_cert.not_after));
  out.text(out.tr(cli_text("install.after")) + x509::format_local(new_cert.not_after));
  nlohmann::json j = application_json(flow);
  j["old_not_after"] = client::format_utc_iso(old_cert.not_after);
  j["new_not_after"] = client::format_utc_iso(new_cert.not_after);
  j["old_retired"] = result.old_retired;
  if (result.new_encryption_certificate)
    j["new_encryption_certificate"] = protocol::certificate_pem(*result.new_encryption_certificate);
  // The self-test right away (issue 21): the new certificates work, and sealed bids stay readable.
  j["selftest"] = print_selftest(out, flow.self_test(secret, result));
  out.document(j);
  return j["selftest"]["passed"].get<bool>() ? ExitCode::ok : ExitCode::token;
}

void add_application_commands(CLI::App& app, const Select& select) {
  {
    auto o = std::make_shared<WaitOptions>();
    auto* c = app.add_subcommand("status", cli_help("help.status"));
    c->add_option("business_no", o->business_no, cli_help("help.business_no"));
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
    auto* c = pay->add_subcommand("bank-transfer", cli_help("help.bank_transfer"));
    c->add_option("business_no", o->business_no, "business number")->required();
    c->add_option("--records", o->records_file, "JSON file with a list of transfer records");
    c->add_option("--payer-account", o->record.payer_account, cli_help("help.payer_account"));
    c->add_option("--payer-name", o->record.payer_name, cli_help("help.payer_name"));
    c->add_option("--amount", o->record.amount, cli_help("help.amount"));
    c->add_option("--date", o->record.paid_on, cli_help("help.paid_on"));
    c->add_option("--remarks", o->record.remarks, cli_help("help.remarks"));
    c->callback(
        [select, o] { select([o](CliEnvironment& env) { return pay_bank_transfer(env, *o); }); });
  }
  {
    auto o = std::make_shared<WaitOptions>();
    o->interval = 3;  // a payment is asked after more often than a review
    auto* c = pay->add_subcommand("online", cli_help("help.online"));
    c->add_option("business_no", o->business_no, "business number")->required();
    c->add_flag("--wait", o->wait, "wait until the payment arrives");
    c->add_option("--timeout", o->timeout, "with --wait: seconds")->check(CLI::PositiveNumber);
    c->callback([select, o] { select([o](CliEnvironment& env) { return pay_online(env, *o); }); });
  }
  {
    auto o = std::make_shared<CancelOptions>();
    auto* c = app.add_subcommand("cancel", cli_help("help.cancel"));
    c->add_option("business_no", o->business_no, "business number")->required();
    c->add_flag("--yes,-y", o->yes, "do not ask for confirmation");
    c->callback(
        [select, o] { select([o](CliEnvironment& env) { return cancel_application(env, *o); }); });
  }
  {
    auto o = std::make_shared<InstallOptions>();
    auto* c = app.add_subcommand("install", cli_help("help.install"));
    c->add_option("business_no", o->business_no, "business number")->required();
    c->add_option("--pin-file", o->pin.pin_file, "read the PIN from the first line of FILE");
    c->add_option("--pin-env", o->pin.pin_env, "read the PIN from this environment variable");
    c->callback(
        [select, o] { select([o](CliEnvironment& env) { return install_certificate(env, *o); }); });
  }
}

}  // namespace certrenew::cli
