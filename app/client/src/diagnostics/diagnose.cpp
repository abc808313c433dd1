#include "certrenew/client/diagnostics/diagnose.hpp"

#include <fmt/format.h>

#include "certrenew/client/diagnostics/application_checks.hpp"
#include "certrenew/client/diagnostics/environment.hpp"
#include "certrenew/client/diagnostics/redaction.hpp"
#include "certrenew/client/diagnostics/service_checks.hpp"
#include "certrenew/client/diagnostics/token_checks.hpp"
#include "certrenew/client/logging.hpp"
#include "certrenew/client/store/application_store.hpp"

namespace certrenew::client::diagnostics {

namespace fs = std::filesystem;

namespace {

void append(std::vector<Check>& to, std::vector<Check> more) {
  for (Check& c : more) to.push_back(std::move(c));
}

fs::path resolve_against(const fs::path& path, const fs::path& folder) {
  return path.empty() || path.is_absolute() || folder.empty() ? path : folder / path;
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

}  // namespace

DiagnosticReport run_diagnostics(const DiagnosticOptions& options) {
  const auto now = std::chrono::system_clock::now();
  DiagnosticReport report;
  report.generated_at = format_utc_iso(std::chrono::floor<std::chrono::seconds>(now));

  const ConfigLocation where =
      locate_config(options.exe_dir, options.config_file, options.data_dir);
  ConfigurationResult configuration = load_configuration(where);
  const fs::path config_dir = where.config_file.parent_path();
  const std::vector<fs::path> driver_dirs = driver_search_path(
      configuration.config ? configuration.config->plugin_dirs : std::vector<fs::path>{},
      config_dir, options.default_driver_path);

  report.environment = collect_environment(where, driver_dirs);
  for (const EnvironmentEntry& extra : options.extra_environment)
    report.environment.push_back(extra);
  report.checks.push_back(configuration.check);
  report.checks.push_back(data_dir_check(where.data_dir));

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
                                 resolve_against(configuration.config->trust, config_dir),
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
