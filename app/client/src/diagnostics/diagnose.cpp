#include "certrenew/client/diagnostics/diagnose.hpp"

#include <fmt/format.h>

#include "certrenew/client/diagnostics/application_checks.hpp"
#include "certrenew/client/diagnostics/environment.hpp"
#include "certrenew/client/diagnostics/redaction.hpp"
#include "certrenew/client/diagnostics/service_checks.hpp"
#include "certrenew/client/diagnostics/token_checks.hpp"
#include "certrenew/client/flow/issuer_trust.hpp"
#include "certrenew/client/logging.hpp"
#include "certrenew/client/store/application_store.hpp"

namespace certrenew::client::diagnostics {

namespace fs = std::filesystem;

namespace {

void append(std::vector<Check>& to, std::vector<Check> more) {
  for (Check& c : more) to.push_back(std::move(c));
}

Check log_check(const fs::path& data_dir) {
  const fs::path dir = client_log_dir(data_dir);
  const auto files = client_log_files(data_dir);
  nlohmann::json names = nlohmann::json::array();
  for (const fs::path& f : files) names.push_back(f.filename().string());
  const Text title{"Log", "日志"};
  if (files.empty()) {
    return {
        Area::log,
        "log",
        Status::amber,
        title,
        {fmt::format("No log file in {} yet. The app writes one while it runs: reproduce the "
                     "problem once, then run the diagnosis again.",
                     dir.string()),
         fmt::format("{} 中还没有日志文件。程序运行时才会写日志：请先重现一次问题，再重新诊断。",
                     dir.string())},
        {{"folder", dir.string()}, {"files", names}}};
  }
  return {Area::log,
          "log",
          Status::green,
          title,
          {fmt::format("The log is kept in {} ({} files); its last lines follow.", dir.string(),
                       files.size()),
           fmt::format("日志保存在 {}（{} 个文件），末尾几行见下。", dir.string(), files.size())},
          {{"folder", dir.string()}, {"files", names}}};
}

// The CA renewed certificates are checked against before they are written to a token: configured,
// pinned at the first contact with the service, or not known yet.
Check issuer_check(const IssuerTrust& trust) {
  const Text title{"Issuing CA", "签发 CA"};
  try {
    const std::optional<IssuerAnchor> anchor = trust.anchor();
    if (!anchor) {
      return {Area::environment,
              "issuer_ca",
              Status::amber,
              title,
              {"No issuing CA is configured or pinned yet: the CA the service names at the first "
               "contact is pinned and renewed certificates must chain to it. To be sure from the "
               "start, set issuer_ca in the configuration to the CA certificate your CA provides.",
               "尚未配置或固定签发 CA：首次联系续期服务时将固定服务所示的 CA，续期证书须链到该 "
               "CA。如需从一开始就确定，请在配置项 issuer_ca 中指定证书机构提供的 CA 证书。"},
              nlohmann::json::object()};
    }
    const bool configured = anchor->source == IssuerAnchor::Source::configured;
    return {Area::environment,
            "issuer_ca",
            Status::green,
            title,
            {fmt::format("Renewed certificates must chain to {} (SHA-256 {}), {} {}.",
                         anchor->subject, anchor->fingerprint,
                         configured ? "configured in" : "pinned at the first contact and kept in",
                         anchor->file.string()),
             fmt::format("续期证书须链到 {}（SHA-256 {}），{} {}。", anchor->subject,
                         anchor->fingerprint, configured ? "配置于" : "首次联系时固定，保存于",
                         anchor->file.string())},
            {{"subject", anchor->subject},
             {"sha256", anchor->fingerprint},
             {"source", code(anchor->source)},
             {"file", anchor->file.string()}}};
  } catch (const ConfigError& e) {
    return {Area::environment,
            "issuer_ca",
            Status::red,
            title,
            {std::string(e.what()) + " Renewed certificates cannot be installed until it is fixed.",
             e.message_zh() + "修复之前无法安装续期证书。"},
            {{"error", e.what()}}};
  }
}

}  // namespace

DiagnosticReport run_diagnostics(const DiagnosticOptions& options) {
  const auto now = std::chrono::system_clock::now();
  DiagnosticReport report;
  report.generated_at = format_utc_iso(std::chrono::floor<std::chrono::seconds>(now));

  const RuntimeLocation& where = options.location;
  ConfigurationResult configuration = load_configuration(where);
  const std::vector<fs::path> driver_dirs =
      plugin_search_path(configuration.config.value_or(ClientConfig{}), where);

  report.environment = collect_environment(where, driver_dirs);
  for (const EnvironmentEntry& extra : options.extra_environment)
    report.environment.push_back(extra);
  report.checks.push_back(configuration.check);
  report.checks.push_back(data_dir_check(where.data_dir));
  if (configuration.config)
    report.checks.push_back(issuer_check(*issuer_trust(*configuration.config, where)));

  token::PluginHost host;
  host.scan(driver_dirs);
  append(report.checks, driver_checks(host, driver_dirs));
  append(report.checks, token_checks(host,
                                     configuration.config ? configuration.config->drivers
                                                          : std::map<std::string, nlohmann::json>{},
                                     now));

  if (options.check_service) {
    if (configuration.config) {
      const ServiceTarget target{configuration.config->service_url,
                                 where.resolve(configuration.config->trust),
                                 options.connect_timeout, options.request_timeout};
      append(report.checks, service_checks(probe_service(target)));
    } else {
      report.checks.push_back(
          {Area::service,
           "service.config",
           Status::red,
           {"Service address", "服务地址"},
           {"The service was not checked: without a usable configuration the client does not "
            "know where it is (see Configuration above).",
            "未检查服务：没有可用的配置，客户端不知道服务地址（见上方“配置”）。"},
           nlohmann::json::object()});
    }
  }

  Redactor redactor;
  if (!where.data_dir.empty()) {
    try {
      const RecordListing listing = ApplicationStore(where.data_dir).list();
      for (const ApplicationRecord& record : listing.records)
        redactor.add_secret(record.capability_token);
      append(report.checks, application_checks(listing));
      append(report.checks, leftover_key_checks(ApplicationStore(where.data_dir).folder()));
    } catch (const std::exception& e) {
      report.checks.push_back(
          {Area::applications,
           "applications.store",
           Status::red,
           {"Application store", "申请存储"},
           {fmt::format("The stored applications cannot be listed ({}). Check the permissions of "
                        "the data folder.",
                        e.what()),
            fmt::format("无法列出已保存的申请（{}）。请检查数据目录的权限。", e.what())},
           {{"error", e.what()}}});
    }
    report.checks.push_back(log_check(where.data_dir));
    report.log_tail = read_log_tail(where.data_dir, options.log_tail_lines);
  }
  return redact_report(report, redactor);
}

}  // namespace certrenew::client::diagnostics
