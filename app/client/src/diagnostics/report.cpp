#include "certrenew/client/diagnostics/report.hpp"

#include <algorithm>
#include <array>
#include <sstream>

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
  const bool en = language == Language::en;
  switch (status) {
    case Status::green:
      return en ? "[GREEN]" : "[正常]";
    case Status::amber:
      return en ? "[AMBER]" : "[注意]";
    case Status::red:
      return en ? "[RED]  " : "[故障]";
  }
  return "";
}

}  // namespace

Text heading(Area area) {
  switch (area) {
    case Area::environment:
      return {"Environment", "运行环境"};
    case Area::drivers:
      return {"Token drivers", "介质驱动"};
    case Area::tokens:
      return {"Tokens and certificates", "介质与证书"};
    case Area::service:
      return {"Renewal service", "续期服务"};
    case Area::applications:
      return {"Pending applications", "待办申请"};
    case Area::log:
      return {"Log", "日志"};
  }
  return {};
}

std::string_view code(Status status) {
  switch (status) {
    case Status::green:
      return "green";
    case Status::amber:
      return "amber";
    case Status::red:
      return "red";
  }
  return "red";
}

std::string_view code(Area area) {
  switch (area) {
    case Area::environment:
      return "environment";
    case Area::drivers:
      return "drivers";
    case Area::tokens:
      return "tokens";
    case Area::service:
      return "service";
    case Area::applications:
      return "applications";
    case Area::log:
      return "log";
  }
  return "environment";
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
  const bool en = language == Language::en;
  std::ostringstream out;
  out << (en ? "CertRenew diagnostic report" : "CertRenew 诊断报告") << "\n"
      << (en ? "Generated: " : "生成时间：") << report.generated_at << "\n";
  std::array<int, 3> counts{};
  for (const Check& check : report.checks)
    ++counts[static_cast<std::size_t>(severity(check.status))];
  out << (en ? "Overall: " : "总体：") << verdict(report.overall(), language) << " "
      << (en ? "green " : "正常 ") << counts[0] << (en ? ", amber " : "，注意 ") << counts[1]
      << (en ? ", red " : "，故障 ") << counts[2] << "\n";

  for (Area area : kAreasInOrder) {
    const auto checks = report.checks_in(area);
    const bool has_facts = area == Area::environment && !report.environment.empty();
    const bool has_log = area == Area::log && !report.log_tail.empty();
    if (checks.empty() && !has_facts && !has_log) continue;
    out << "\n== " << heading(area).in(language) << " ==\n";
    if (area == Area::environment) {
      for (const EnvironmentEntry& entry : report.environment)
        out << "  " << entry.label.in(language) << (en ? ": " : "：") << entry.value << "\n";
    }
    for (const Check* check : checks) {
      out << "  " << verdict(check->status, language) << " " << check->title.in(language) << "\n"
          << "          " << check->sentence.in(language) << "\n";
    }
    if (area == Area::log && has_log) {
      out << "  " << (en ? "Last lines of the log:" : "日志末尾：") << "\n";
      for (const std::string& line : report.log_tail) out << "  | " << line << "\n";
    }
  }
  return out.str();
}

}  // namespace certrenew::client::diagnostics
