#include "certrenew/client/diagnostics/application_checks.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>
#include <tuple>

#include "../flow/leftover_keys.hpp"
#include "certrenew/core/x509/certificate.hpp"
#include "certrenew/core/x509/time_format.hpp"
#include "diagnostics/wording.hpp"

namespace certrenew::client::diagnostics {

using nlohmann::json;

namespace {

Check application_line(Status status, std::string id, Text title, Text sentence, json details) {
  return {Area::applications, std::move(id),       status,
          std::move(title),   std::move(sentence), std::move(details)};
}

Text state_sentence(const ApplicationRecord& r, Status& status) {
  using protocol::BusinessState;
  const std::string at = format_utc_iso(r.updated_at);
  status = Status::green;
  if (r.phase == LocalPhase::installing_written) {
    status = Status::amber;
    return report_text("application.written", r.token_id, at);
  }
  if (r.business_state == BusinessState::approved) {
    status = Status::amber;
    return report_text("application.approved", r.token_id, at);
  }
  if (r.business_state == BusinessState::rejected) {
    status = Status::amber;
    return report_text("application.rejected", r.token_id, at);
  }
  return format_text_in_words(
      catalogues::diagnostics_report().at("application.state"), [&](Language language) {
        const bool en = language == Language::en;
        return std::tuple(
            en ? protocol::label_en(r.business_state) : protocol::label_zh(r.business_state),
            en ? protocol::label_en(r.payment_state) : protocol::label_zh(r.payment_state), at);
      });
}

}  // namespace

json application_summary(const ApplicationRecord& r) {
  json summary = {{"business_no", r.business_no},
                  {"business_state", protocol::code(r.business_state)},
                  {"payment_state", protocol::code(r.payment_state)},
                  {"local_phase", code(r.phase)},
                  {"service_url", r.service_url},
                  {"token_id", r.token_id},
                  {"period_months", r.period_months},
                  {"created_at", format_utc_iso(r.created_at)},
                  {"updated_at", format_utc_iso(r.updated_at)},
                  {"issued_certificate_downloaded", r.issued_certificate.has_value()}};
  try {
    const x509::Certificate old = x509::parse_certificate(r.old_certificate);
    summary["old_certificate"] = {{"subject", old.subject.display()},
                                  {"serial", old.serial_hex},
                                  {"not_after", x509::format_utc(old.not_after)}};
  } catch (const x509::CertificateError& e) {
    summary["old_certificate"] = {{"error", e.what()}};
  }
  return summary;
}

std::vector<Check> application_checks(const RecordListing& listing) {
  std::vector<Check> checks;
  for (const ApplicationRecord& r : listing.records) {
    Status status = Status::green;
    Text sentence = state_sentence(r, status);
    checks.push_back(application_line(status, "application",
                                      report_text("application.title", r.business_no),
                                      std::move(sentence), application_summary(r)));
  }
  for (const UnreadableRecord& bad : listing.unreadable) {
    checks.push_back(
        application_line(Status::red, "application.unreadable",
                         report_text("application.unreadable.title", bad.file.filename().string()),
                         report_text("application.unreadable", bad.file.string(), bad.reason),
                         {{"file", bad.file.string()}, {"reason", bad.reason}}));
  }
  if (checks.empty()) {
    checks.push_back(application_line(Status::green, "applications.none",
                                      report_text("applications.none.title"),
                                      report_text("applications.none"), json::object()));
  }
  return checks;
}

std::vector<Check> leftover_key_checks(const std::filesystem::path& store_folder) {
  std::map<std::string, std::vector<LeftoverKey>> by_token;
  for (LeftoverKey& k : LeftoverKeys(store_folder).all())
    by_token[k.token_id].push_back(std::move(k));
  std::vector<Check> checks;
  for (const auto& [token, keys] : by_token) {
    std::vector<std::string> applications;
    json reasons = json::array();
    for (const LeftoverKey& k : keys) {
      if (!k.business_no.empty()) applications.push_back(k.business_no);
      reasons.push_back({{"business_no", k.business_no}, {"reason", k.reason}});
    }
    // " (A, B)" / "（A、B）", or nothing when no application is known.
    auto which = [&](Language language) {
      if (applications.empty()) return std::string();
      const Catalogue& words = catalogues::diagnostics_report();
      return std::string(words.in("list.open", language)) +
             fmt::format("{}", fmt::join(applications, words.in("list.separator", language))) +
             std::string(words.in("list.close", language));
    };
    checks.push_back(application_line(
        Status::amber, "applications.leftover_keys",
        report_text("applications.leftover_keys.title", token),
        format_text_in_words(
            catalogues::diagnostics_report().at("applications.leftover_keys"),
            [&](Language language) { return std::tuple(token, keys.size(), which(language)); }),
        {{"token_id", token}, {"count", keys.size()}, {"applications", reasons}}));
  }
  return checks;
}

}  // namespace certrenew::client::diagnostics
