// `tokens` and `certs`: what is plugged in, without logging in.
#include <iostream>

#include "certrenew/client/store/application_record.hpp"
#include "certrenew/core/x509/time_format.hpp"
#include "commands.hpp"

namespace certrenew::cli {
namespace {

nlohmann::json pin_json(const token::PinState& pin) {
  nlohmann::json j = {
      {"count_low", pin.count_low}, {"final_try", pin.final_try}, {"locked", pin.locked}};
  j["retries_left"] = pin.retries_left ? nlohmann::json(*pin.retries_left) : nlohmann::json();
  j["retries_max"] = pin.retries_max ? nlohmann::json(*pin.retries_max) : nlohmann::json();
  return j;
}

void report_problems(CliEnvironment& env) {
  const auto& inv = env.inventory();
  for (const auto& r : inv.host().rejections())
    env.out().note("Driver not loaded: " + r.describe(), "驱动未加载：" + r.describe());
  for (const auto& p : inv.problems())
    env.out().note(
        "Driver " + p.driver + (p.token_id.empty() ? "" : " token " + p.token_id) + ": " +
            p.message,
        "驱动 " + p.driver + (p.token_id.empty() ? "" : " 介质 " + p.token_id) + "：" + p.message);
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
                    {"write_protected", t.info.write_protected}});
    std::string state = pin_state_warning(out, t.info.pin);
    out.text(t.info.id + "  " + t.info.label + "  (" + t.info.manufacturer + " " + t.info.model +
             ", " + out.tr("driver ", "驱动 ") + t.driver + ")" +
             (state.empty() ? "" : "  " + state));
  }
  if (tokens.empty())
    out.line("No token found. Plug in your token; see `certrenew-cli diagnose` if it is in.",
             "未找到证书介质。请插入证书介质；若已插入，请运行 certrenew-cli diagnose。");
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
                    {"has_private_key", c.has_private_key}});
    std::string status =
        expired ? out.tr("EXPIRED: renew at the service hall", "已过期：请到营业厅办理续期")
        : days <= 30
            ? out.tr("expires in ", "剩余 ") + std::to_string(days) +
                  out.tr(" days", " 天，即将到期")
            : out.tr("valid, ", "有效，剩余 ") + std::to_string(days) + out.tr(" days left", " 天");
    out.text(client::format_fingerprint_prefix(c) + "  " + x.subject.display());
    out.text("    " + out.tr("issuer: ", "颁发者：") + x.issuer.display());
    out.text("    " + out.tr("valid until: ", "有效期至：") + x509::format_local(x.not_after) +
             "  (" + status + ")");
    out.text("    " + out.tr("token: ", "证书介质：") + c.token.label + " (" + c.token.id + ")" +
             (c.has_private_key
                  ? ""
                  : out.tr("  [private key not listed before login]", "  [登录前未列出私钥]")));
  }
  if (certs.empty())
    out.line("No certificate found on the tokens present.", "当前证书介质上没有找到证书。");
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
