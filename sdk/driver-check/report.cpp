#include "report.hpp"

#include <algorithm>
#include <iomanip>

#include <nlohmann/json.hpp>

#include "certrenew/core/version.hpp"

namespace certrenew::driver_check {

namespace {

const char* label(CheckStatus status) {
  switch (status) {
    case CheckStatus::pass:
      return "PASS";
    case CheckStatus::fail:
      return "FAIL";
    case CheckStatus::skip:
      return "SKIP";
  }
  return "?";
}

// Reasons are one line by contract; driver text may not be, so fold it.
std::string one_line(std::string text) {
  std::replace_if(
      text.begin(), text.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  return text;
}

}  // namespace

void Report::add(std::string name, CheckStatus status, std::string reason) {
  results_.push_back({std::move(name), status, one_line(std::move(reason))});
}

void Report::fact(std::string key, std::string value) {
  facts_.emplace_back(std::move(key), one_line(std::move(value)));
}

bool Report::any_failed() const {
  return count(CheckStatus::fail) > 0;
}

int Report::count(CheckStatus status) const {
  return static_cast<int>(std::count_if(results_.begin(), results_.end(),
                                        [&](const CheckResult& r) { return r.status == status; }));
}

void Report::print_human(std::ostream& out, const std::string& plugin) const {
  out << "certrenew-driver-check " << certrenew::version() << "\n";
  out << "plugin: " << plugin << "\n";
  for (const auto& [key, value] : facts_) out << key << ": " << value << "\n";
  out << "\n";
  std::size_t width = 0;
  for (const auto& r : results_) width = std::max(width, r.name.size());
  for (const auto& r : results_) {
    out << label(r.status) << "  " << std::left << std::setw(static_cast<int>(width)) << r.name
        << "  " << r.reason << "\n";
  }
  out << "\nchecks: " << count(CheckStatus::pass) << " PASS, " << count(CheckStatus::fail)
      << " FAIL, " << count(CheckStatus::skip) << " SKIP -> "
      << (any_failed() ? "the driver does NOT conform" : "no failures") << "\n";
}

void Report::print_json(std::ostream& out, const std::string& plugin) const {
  nlohmann::json doc;
  doc["tool"] = "certrenew-driver-check";
  doc["version"] = std::string(certrenew::version());
  doc["plugin"] = plugin;
  doc["facts"] = nlohmann::json::object();
  for (const auto& [key, value] : facts_) doc["facts"][key] = value;
  doc["checks"] = nlohmann::json::array();
  for (const auto& r : results_) {
    std::string status = label(r.status);
    std::transform(status.begin(), status.end(), status.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    doc["checks"].push_back({{"name", r.name}, {"status", status}, {"reason", r.reason}});
  }
  doc["summary"] = {{"passed", count(CheckStatus::pass)},
                    {"failed", count(CheckStatus::fail)},
                    {"skipped", count(CheckStatus::skip)},
                    {"conformant", !any_failed()}};
  // Driver text may hold bytes that are not UTF-8; replace them rather than fail to report.
  out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace certrenew::driver_check
