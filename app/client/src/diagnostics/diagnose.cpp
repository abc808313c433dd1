#include "certrenew/client/diagnostics/diagnose.hpp"

#include <fmt/format.h>

#include <tuple>

#include "certrenew/client/diagnostics/application_checks.hpp"
#include "certrenew/client/diagnostics/environment.hpp"
#include "certrenew/client/diagnostics/redaction.hpp"
#include "certrenew/client/diagnostics/service_checks.hpp"
#include "certrenew/client/diagnostics/token_checks.hpp"
#include "certrenew/client/flow/issuer_trust.hpp"
#include "certrenew/client/logging.hpp"
#include "certrenew/client/store/application_store.hpp"
#include "diagnostics/driver_libraries.hpp"
#include "diagnostics/wording.hpp"

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
  const Text title = report_text("log.title");
  if (files.empty()) {
    return {Area::log,
            "log",
            Status::amber,
            title,
            report_text("log.none", dir.string()),
            {{"folder", dir.string()}, {"files", names}}};
  }
  return {Area::log,
          "log",
          Status::green,
          title,
          report_text("log.kept", dir.string(), files.size()),
          {{"folder", dir.string()}, {"files", names}}};
}

// The CA renewed certificates are checked against before they are written to a token: configured,
// pinned at the first contact with the service, or not known yet.
Check issuer_check(const IssuerTrust& trust) {
  const Text title = report_text("issuer_ca.title");
  try {
    const std::optional<IssuerAnchor> anchor = trust.anchor();
    if (!anchor) {
      return {
          Area::environment,       "issuer_ca", Status::amber, title, report_text("issuer_ca.none"),
          nlohmann::json::object()};
    }
    const bool configured = anchor->source == IssuerAnchor::Source::configured;
    return {Area::environment,
            "issuer_ca",
            Status::green,
            title,
            report_text(configured ? "issuer_ca.configured" : "issuer_ca.pinned", anchor->subject,
                        anchor->fingerprint, anchor->file.string()),
            {{"subject", anchor->subject},
             {"sha256", anchor->fingerprint},
             {"source", code(anchor->source)},
             {"file", anchor->file.string()}}};
  } catch (const ConfigError& e) {
    return {Area::environment,
            "issuer_ca",
            Status::red,
            title,
            format_text_in_words(catalogues::diagnostics_report().at("issuer_ca.unusable"),
                                 [&](Language language) {
                                   return std::tuple(language == Language::en
                                                         ? std::string(e.what())
                                                         : e.message_zh());
                                 }),
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
  if (configuration.config)
    append(report.checks, driver_library_checks(configuration.config->drivers));
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
      report.checks.push_back({Area::service, "service.config", Status::red,
                               service_text("service.config.title"),
                               service_text("service.config.none"), nlohmann::json::object()});
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
      report.checks.push_back({Area::applications,
                               "applications.store",
                               Status::red,
                               report_text("applications.store.title"),
                               report_text("applications.store.unlisted", e.what()),
                               {{"error", e.what()}}});
    }
    report.checks.push_back(log_check(where.data_dir));
    report.log_tail = read_log_tail(where.data_dir, options.log_tail_lines);
  }
  return redact_report(report, redactor);
}

}  // namespace certrenew::client::diagnostics
