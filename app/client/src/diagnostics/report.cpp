#include "certrenew/client/diagnostics/report.hpp"

#include <algorithm>
#include <array>
#include <sstream>
#include <string>
#include <utility>

#include "certrenew/core/lookup_table.hpp"
#include "diagnostics/wording.hpp"

namespace certrenew::client::diagnostics {

namespace {

using nlohmann::json;

int severity(Status status) {
  return static_cast<int>(status);  // green < amber < red, by declaration order
}

json text_json(const Text& text) {
  return {{"en", text.en}, {"zh-CN", text.zh}};
}

std::string_view verdict(Status status, Language language) {
  return catalogues::diagnostics_report().in("verdict." + std::string(code(status)), language);
}

}  // namespace

Text heading(Area area) {
  return report_text("area." + std::string(code(area)));
}

constexpr auto kStatusCodes = std::to_array<std::pair<Status, std::string_view>>({
    {Status::green, "green"},
    {Status::amber, "amber"},
    {Status::red, "red"},
});

std::string_view code(Status status) {
  return lookup(kStatusCodes, status).value_or("red");
}

constexpr auto kAreaCodes = std::to_array<std::pair<Area, std::string_view>>({
    {Area::environment, "environment"},
    {Area::drivers, "drivers"},
    {Area::tokens, "tokens"},
    {Area::service, "service"},
    {Area::applications, "applications"},
    {Area::log, "log"},
});

std::string_view code(Area area) {
  return lookup(kAreaCodes, area).value_or("environment");
}

Status DiagnosticReport::overall() const {
  Status worst = Status::green;
  for (const Check& check : checks)
    if (severity(check.status) > severity(worst)) worst = check.status;
  return worst;
}

std::vector<const Check*> DiagnosticReport::checks_in(Area area) const {
  std::vector<const Check*> out;
  for (const Check& check : checks)
    if (check.area == area) out.push_back(&check);
  return out;
}

const Check* DiagnosticReport::find(std::string_view id) const {
  const auto it =
      std::find_if(checks.begin(), checks.end(), [&](const Check& c) { return c.id == id; });
  return it == checks.end() ? nullptr : &*it;
}

json to_json(const DiagnosticReport& report) {
  json environment = json::array();
  for (const EnvironmentEntry& entry : report.environment)
    environment.push_back(
        {{"key", entry.key}, {"label", text_json(entry.label)}, {"value", entry.value}});
  json checks = json::array();
  std::array<int, 3> counts{};
  // Grouped by area whatever order they were added in, so readers can rely on it.
  for (Area area : kAreasInOrder) {
    for (const Check* check : report.checks_in(area)) {
      ++counts[static_cast<std::size_t>(severity(check->status))];
      checks.push_back({{"area", code(check->area)},
                        {"id", check->id},
                        {"status", code(check->status)},
                        {"title", text_json(check->title)},
                        {"sentence", text_json(check->sentence)},
                        {"details", check->details}});
    }
  }
  return {{"format", "certrenew-diagnostics"},
          {"version", 1},
          {"generated_at", report.generated_at},
          {"overall", code(report.overall())},
          {"counts", {{"green", counts[0]}, {"amber", counts[1]}, {"red", counts[2]}}},
          {"environment", std::move(environment)},
          {"checks", std::move(checks)},
          {"log_tail", report.log_tail}};
}

std::string render_text(const DiagnosticReport& report, Language language) {
  auto said = [&](std::string_view id) {
    return catalogues::diagnostics_report().in(id, language);
  };
  std::ostringstream out;
  out << said("report.title") << "\n" << said("report.generated") << report.generated_at << "\n";
  std::array<int, 3> counts{};
  for (const Check& check : report.checks)
    ++counts[static_cast<std::size_t>(severity(check.status))];
  out << said("report.overall") << verdict(report.overall(), language) << " "
      << report_text("report.counts", counts[0], counts[1], counts[2]).in(language) << "\n";

  for (Area area : kAreasInOrder) {
    const auto checks = report.checks_in(area);
    const bool has_facts = area == Area::environment && !report.environment.empty();
    const bool has_log = area == Area::log && !report.log_tail.empty();
    if (checks.empty() && !has_facts && !has_log) continue;
    out << "\n== " << heading(area).in(language) << " ==\n";
    if (area == Area::environment) {
      for (const EnvironmentEntry& entry : report.environment)
        out << "  " << entry.label.in(language) << said("report.label_end") << entry.value << "\n";
    }
    for (const Check* check : checks) {
      out << "  " << verdict(check->status, language) << " " << check->title.in(language) << "\n"
          << "          " << check->sentence.in(language) << "\n";
    }
    if (area == Area::log && has_log) {
      out << "  " << said("report.log_tail") << "\n";
      for (const std::string& line : report.log_tail) out << "  | " << line << "\n";
    }
  }
  return out.str();
}

}  // namespace certrenew::client::diagnostics
