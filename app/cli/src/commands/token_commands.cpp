// `tokens` and `certs`: what is plugged in, without logging in.
#include <iostream>

#include "certrenew/client/store/application_record.hpp"
#include "certrenew/core/x509/time_format.hpp"
#include "cli_text.hpp"
#include "commands.hpp"

namespace certrenew::cli {
namespace {

nlohmann::json pin_json(const token::PinState& pin) {
  nlohmann::json j = {{"count_low", pin.count_low},
                      {"final_try", pin.final_try},
                      {"locked", pin.locked},
                      {"default_pin", pin.is_default}};
  j["retries_left"] = pin.retries_left ? nlohmann::json(*pin.retries_left) : nlohmann::json();
  j["retries_max"] = pin.retries_max ? nlohmann::json(*pin.retries_max) : nlohmann::json();
  return j;
}

void report_problems(CliEnvironment& env) {
  const auto& inv = env.inventory();
  for (const auto& r : inv.host().rejections())
    env.out().note(cli_text("driver.not_loaded", r.describe()));
  for (const auto& p : inv.problems())
    env.out().note(cli_text(p.token_id.empty() ? "driver.problem" : "driver.token_problem",
                            p.driver, p.token_id, p.message));
}

// SM2 dual certificates (issue 21): the encryption certificate paired with a signing certificate,
// renewed with it. What the token holds is read as untrusted: a certificate that does not parse is
// reported as such, and the listing goes on.
nlohmann::json encryption_certificate_json(const Output& out, const Bytes& der,
                                           std::chrono::system_clock::time_point now) {
  try {
    const x509::Certificate e = x509::parse_certificate(der);
    out.text("    " + out.tr(cli_text("certificate.encryption", e.serial_hex,
                                      x509::format_local(e.not_after))));
    return {{"sha256", to_hex(e.sha256_fingerprint)},           {"serial", e.serial_hex},
            {"not_after", client::format_utc_iso(e.not_after)}, {"days_left", e.days_left(now)},
            {"expired", has_passed(e.not_after, now)},          {"key", e.public_key.display}};
  } catch (const x509::CertificateError& error) {
    out.text("    " + out.tr(cli_text("certificate.encryption_unreadable", error.what())));
    return {{"error", error.what()}};
  }
}

ExitCode list_tokens(CliEnvironment& env) {
  auto tokens = env.inventory().tokens();
  report_problems(env);
  auto& out = env.out();
  nlohmann::json list = nlohmann::json::array();
  for (const auto& t : tokens) {
    list.push_back({{"driver", t.driver},
                    {"id", t.info.id},
                    {"label", t.info.label},
                    {"manufacturer", t.info.manufacturer},
                    {"model", t.info.model},
                    {"pin", pin_json(t.info.pin)},
                    {"pin_pad", t.info.pin_pad},
                    {"can_change_pin", t.info.can_change_pin},
                    {"can_unblock_pin", t.info.can_unblock_pin},
                    {"write_protected", t.info.write_protected}});
    std::string state = pin_state_warning(out, t.info.pin);
    out.text(t.info.id + "  " + t.info.label + "  (" + t.info.manufacturer + " " + t.info.model +
             ", " + out.tr(cli_text("token.driver", t.driver)) + ")" +
             (state.empty() ? "" : "  " + state));
    if (t.info.pin.is_default)  // the issuer's PIN is often printed on the envelope
      out.text("    " + out.tr(cli_text("token.default_pin", t.info.id)));
  }
  if (tokens.empty()) out.line(cli_text("token.none"));
  out.document({{"tokens", list}});
  return ExitCode::ok;
}

ExitCode list_certificates(CliEnvironment& env) {
  auto certs = env.inventory().certificates();
  report_problems(env);
  auto& out = env.out();
  const auto now = std::chrono::system_clock::now();
  nlohmann::json list = nlohmann::json::array();
  for (const auto& c : certs) {
    const auto& x = c.certificate;
    long days = x.days_left(now);
    bool expired = has_passed(x.not_after, now);
    // A certificate kept on the token after its renewal: it points at its successor and neither
    // warns about its expiry nor invites a second renewal (issue 16, item 2).
    const client::CertificateEntry* next = client::successor_of(certs, c);
    list.push_back({{"selector", client::format_fingerprint_prefix(c)},
                    {"sha256", to_hex(x.sha256_fingerprint)},
                    {"token_id", c.token.id},
                    {"token_label", c.token.label},
                    {"driver", c.driver},
                    {"label", c.label},
                    {"subject", x.subject.display()},
                    {"issuer", x.issuer.display()},
                    {"serial", x.serial_hex},
                    {"not_before", client::format_utc_iso(x.not_before)},
                    {"not_after", client::format_utc_iso(x.not_after)},
                    {"days_left", days},
                    {"expired", expired},
                    {"key", x.public_key.display},
                    {"has_private_key", c.has_private_key},
                    {"renewed_by", next ? nlohmann::json(client::format_fingerprint_prefix(*next))
                                        : nlohmann::json()}});
    std::string status =
        out.tr(next      ? cli_text("certificate.renewed", client::format_fingerprint_prefix(*next))
               : expired ? cli_text("certificate.expired")
               : days <= 30 ? cli_text("certificate.expires_soon", days)
                            : cli_text("certificate.valid_days", days));
    out.text(client::format_fingerprint_prefix(c) + "  " + x.subject.display());
    out.text("    " + out.tr(cli_text("certificate.issuer", x.issuer.display())));
    out.text("    " + out.tr(cli_text("certificate.valid_until", x509::format_local(x.not_after))) +
             "  (" + status + ")");
    out.text("    " + out.tr(cli_text("certificate.token", c.token.label, c.token.id)) +
             (c.has_private_key ? "" : out.tr(cli_text("certificate.key_not_listed"))));
    list.back()["encryption_certificate"] =
        c.encryption_certificate ? encryption_certificate_json(out, *c.encryption_certificate, now)
                                 : nlohmann::json();
  }
  if (certs.empty()) out.line(cli_text("certificate.none"));
  out.document({{"certificates", list}});
  return ExitCode::ok;
}

}  // namespace

void add_token_commands(CLI::App& app, const Select& select) {
  app.add_subcommand("tokens", "List the tokens plugged in, with their PIN state")
      ->callback([select] { select(list_tokens); });
  app.add_subcommand("certs", "List the certificates on the tokens, with days left")
      ->callback([select] { select(list_certificates); });
}

}  // namespace certrenew::cli
