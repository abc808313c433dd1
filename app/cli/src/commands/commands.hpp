#pragma once
// The subcommands. Each add_* registers its options on the CLI11 app and, when chosen, sets the
// handler that main() runs after parsing.

#include <functional>
#include <string>

#include <CLI/CLI.hpp>

#include "cli_environment.hpp"
#include "exit_codes.hpp"
#include "prompt.hpp"

namespace certrenew::cli {

using Handler = std::function<ExitCode(CliEnvironment&)>;
using Select = std::function<void(Handler)>;

void add_token_commands(CLI::App& app, const Select& select);        // tokens, certs
void add_apply_command(CLI::App& app, const Select& select);         // apply, agreement, fees
void add_application_commands(CLI::App& app, const Select& select);  // status, pay, cancel, install
void add_config_command(CLI::App& app, const Select& select);        // config
void add_renew_command(CLI::App& app, const Select& select);         // renew (interactive)
void add_pin_commands(CLI::App& app, const Select& select);          // pin change, pin unblock
void add_check_command(CLI::App& app, const Select& select);     // check (issue 19)
void add_contacts_command(CLI::App& app, const Select& select);  // contacts show|forget (issue 19)
void add_selftest_command(CLI::App& app, const Select& select);  // selftest (issue 21)

// Shared by the step commands and the interactive `renew`.
struct ApplyOptions {
  std::string certificate;  // selector; empty: the only certificate
  int period_months = 0;    // 0: from the form file or asked
  std::string form_file;
  bool accept_agreement = false;
  PinOptions pin;
  bool no_email = false;  // issue 19: decline the CA's e-mail / SMS notifications
  bool no_sms = false;
};
// --no-email and --no-sms, for `apply` and `renew`.
void add_notify_flags(CLI::App* command, ApplyOptions& options);

// Steps 1-5: returns the flow at `payment` (or wherever a resumed application is).
client::RenewalFlow run_apply(CliEnvironment& env, const ApplyOptions& options);
// The payment page (seed step 6) or the progress (step 8) of an application.
void print_application(const Output& out, const client::ApplicationView& view);
nlohmann::json application_json(const client::RenewalFlow& flow);
// Step 9 with progress on stderr; prints old and new validity (step 10).
ExitCode run_install(CliEnvironment& env, client::RenewalFlow& flow, const PinOptions& pin);
// The self-test's results (issue 21): a line per check, and {"checks": [...], "passed": bool}.
nlohmann::json print_selftest(const Output& out,
                              const std::vector<client::SelfTestResult>& results);
// Interactive bank-transfer records (seed step 7).
std::vector<client::BankTransferRecord> ask_bank_transfers(const Output& out,
                                                           const client::ApplicationView& view);
// Prints the link and a terminal QR code of an online payment.
void print_online_payment(const Output& out, const client::OnlinePayment& payment);
// Polls until the application leaves the waiting steps or `timeout_seconds` pass.
ExitCode wait_for_review(CliEnvironment& env, client::RenewalFlow& flow, int timeout_seconds,
                         int interval_seconds);

}  // namespace certrenew::cli
