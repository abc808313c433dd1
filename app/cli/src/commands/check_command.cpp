// `check [--days N]`: expiry reminders for schedulers and login scripts (issue 19). Reads the
// certificates on the plugged-in tokens (no PIN, no network) and exits 13 when one of them expires
// within N days or has expired, unless it was renewed already (its successor is on the token: the
// successor is what is checked then).
#include "certrenew/core/x509/time_format.hpp"
#include "cli_text.hpp"
#include "commands.hpp"

namespace certrenew::cli {
namespace {

constexpr int kDefaultDays = 30;
constexpr int kMaxDays = 3650;

ExitCode check_expiry(CliEnvironment& env, int days) {
  const auto certs = env.inventory().certificates();
  for (const auto& p : env.inventory().problems())  // a token that cannot be read is said
    env.out().note(cli_text(p.token_id.empty() ? "driver.problem" : "driver.token_problem",
                            p.driver, p.token_id, p.message));
  auto& out = env.out();
  const auto now = std::chrono::system_clock::now();
  nlohmann::json list = nlohmann::json::array();
  int due = 0;
  for (const auto& c : certs) {
    if (client::successor_of(certs, c)) continue;
    const auto& x = c.certificate;
    const long left = x.days_left(now);
    const bool expired = has_passed(x.not_after, now);
    const bool soon = expired || left <= days;
    const std::string selector = client::format_fingerprint_prefix(c);
    list.push_back({{"selector", selector},
                    {"subject", x.subject.display()},
                    {"serial", x.serial_hex},
                    {"token_id", c.token.id},
                    {"token_label", c.token.label},
                    {"not_after", client::format_utc_iso(x.not_after)},
                    {"days_left", left},
                    {"expired", expired},
                    {"due", soon}});
    if (!soon) continue;
    ++due;
    const std::string subject = x.subject.display();
    const std::string until = x509::format_local(x.not_after);
    out.line(expired ? cli_text("check.expired", selector, subject, until)
                     : cli_text("check.due", selector, subject, until, left));
  }
  if (certs.empty())
    out.line(cli_text("check.no_certificates"));
  else if (due == 0)
    out.line(cli_text("check.none_due", days));
  out.document({{"days", days}, {"due", due}, {"certificates", list}});
  return due > 0 ? ExitCode::expiring : ExitCode::ok;
}

}  // namespace

void add_check_command(CLI::App& app, const Select& select) {
  auto days = std::make_shared<int>(kDefaultDays);
  auto* check =
      app.add_subcommand("check",
                         "Exit 13 when a certificate on a plugged-in token expires within N days "
                         "(for schedulers and login scripts)");
  check->add_option("--days", *days, "days ahead (default 30)")->check(CLI::Range(0, kMaxDays));
  check->callback(
      [select, days] { select([days](CliEnvironment& env) { return check_expiry(env, *days); }); });
}

}  // namespace certrenew::cli
