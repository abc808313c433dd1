#pragma once
// The diagnostic report: what a support engineer needs to see to tell why a token is not seen, a
// driver does not load, the service cannot be reached or the clock is wrong. A plain struct, so a
// view (GUI, CLI) only lists it: environment facts first, then checks grouped by area, then the
// recent log. Every check carries its verdict and one sentence in zh-CN and English that says what
// to do.

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "certrenew/client/store/client_config.hpp"
#include "certrenew/core/text/text.hpp"

namespace certrenew::client::diagnostics {

// green: nothing to do; amber: works, but worth attention; red: broken, blocks renewal.
enum class Status { green, amber, red };

// In the order a report shows them.
enum class Area { environment, drivers, tokens, service, applications, log };
inline constexpr std::array<Area, 6> kAreasInOrder{
    Area::environment, Area::drivers, Area::tokens, Area::service, Area::applications, Area::log};

std::string_view code(Status status);  // "green", "amber", "red"
std::string_view code(Area area);      // "environment", "drivers", ...

// The one bilingual text type (texts come from the client's diagnostics catalogues).
using Text = certrenew::Text;

// The heading of an area's section ("Renewal service" / "续期服务"), as every view shows it.
Text heading(Area area);

struct Check {
  Area area = Area::environment;
  std::string id;  // stable machine name, e.g. "service.tls", "driver.rejected"
  Status status = Status::green;
  Text title;     // short: what was checked ("TLS handshake", "Driver libacme.so")
  Text sentence;  // what was found and what a support engineer can do about it
  nlohmann::json details = nlohmann::json::object();  // facts for the JSON report (no secrets)
};

// One fact about the machine or the installation ("OpenSSL" = "OpenSSL 3.0.11 19 Sep 2023").
struct EnvironmentEntry {
  std::string key;  // stable machine name, e.g. "openssl", "glfw"
  Text label;
  std::string value;
};

struct DiagnosticReport {
  std::string generated_at;  // UTC, "YYYY-MM-DDThh:mm:ssZ"
  // Facts; a caller adds what only it knows (the GUI: GLFW and OpenGL versions) by push_back.
  std::vector<EnvironmentEntry> environment;
  std::vector<Check> checks;          // grouped by area, in Area order
  std::vector<std::string> log_tail;  // the last lines of the client's log, redacted

  // The worst status of all checks (green when there is none).
  Status overall() const;
  std::vector<const Check*> checks_in(Area area) const;
  // The first check with this id, or nullptr.
  const Check* find(std::string_view id) const;
};

// The JSON form (format "certrenew-diagnostics", version 1): what `diagnose --json` prints and
// the bundle's report.json holds.
nlohmann::json to_json(const DiagnosticReport& report);

// Plain text for people, in one language: a section per area, one line per check with its verdict
// and sentence, then the log tail.
std::string render_text(const DiagnosticReport& report, Language language);

}  // namespace certrenew::client::diagnostics
