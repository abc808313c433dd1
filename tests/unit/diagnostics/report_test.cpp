// The report as a plain struct, its JSON form and its text in both languages.
#include <doctest/doctest.h>

#include "certrenew/client/diagnostics/redaction.hpp"
#include "certrenew/client/diagnostics/report.hpp"

using namespace certrenew::client;
using namespace certrenew::client::diagnostics;
using nlohmann::json;

namespace {

DiagnosticReport sample() {
  DiagnosticReport r;
  r.generated_at = "2026-11-24T02:00:00Z";
  r.environment.push_back({"os", {"操作系统", "Operating system"}, "Linux 6.1 x86_64"});
  // Added out of area order on purpose: readers get them grouped.
  r.checks.push_back({Area::service,
                      "service.connect",
                      Status::red,
                      {"TCP 连接", "TCP connection"},
                      {"无法连接。", "Cannot connect."},
                      {{"port", 443}}});
  r.checks.push_back({Area::drivers,
                      "driver.loaded",
                      Status::green,
                      {"驱动 x", "Driver x"},
                      {"已加载。", "Loaded."},
                      json::object()});
  r.checks.push_back({Area::tokens,
                      "token.pin",
                      Status::amber,
                      {"T1 的 PIN 状态", "PIN state of T1"},
                      {"仅剩最后一次 PIN 尝试机会。", "Only one PIN try is left."},
                      {{"retries_left", 1}}});
  r.log_tail = {"2026-11-24T10:00:00.000+0800 [info] started"};
  return r;
}

}  // namespace

TEST_CASE("the overall status is the worst check") {
  DiagnosticReport r;
  CHECK(r.overall() == Status::green);
  r = sample();
  CHECK(r.overall() == Status::red);
  CHECK(r.checks_in(Area::tokens).size() == 1);
  REQUIRE(r.find("token.pin") != nullptr);
  CHECK(r.find("token.pin")->status == Status::amber);
  CHECK(r.find("nothing") == nullptr);
}

TEST_CASE("the JSON form parses back and groups checks by area") {
  DiagnosticReport r = sample();
  r.environment.push_back({"glfw", {"GLFW", "GLFW"}, "3.3.8"});  // what the GUI adds
  const json j = json::parse(to_json(r).dump());
  CHECK(j["format"] == "certrenew-diagnostics");
  CHECK(j["version"] == 1);
  CHECK(j["overall"] == "red");
  CHECK(j["counts"] == json({{"green", 1}, {"amber", 1}, {"red", 1}}));
  REQUIRE(j["checks"].size() == 3);
  CHECK(j["checks"][0]["area"] == "drivers");
  CHECK(j["checks"][1]["area"] == "tokens");
  CHECK(j["checks"][2]["area"] == "service");
  CHECK(j["checks"][2]["status"] == "red");
  CHECK(j["checks"][2]["title"]["zh-CN"] == "TCP 连接");
  CHECK(j["checks"][2]["details"]["port"] == 443);
  CHECK(j["environment"].back()["key"] == "glfw");
  CHECK(j["log_tail"].size() == 1);
}

TEST_CASE("the text says the verdict and the sentence in the chosen language") {
  const DiagnosticReport r = sample();
  const std::string en = render_text(r, Language::en);
  CHECK(en.find("Overall: [RED]") != std::string::npos);
  CHECK(en.find("[AMBER] PIN state of T1") != std::string::npos);
  CHECK(en.find("Cannot connect.") != std::string::npos);
  CHECK(en.find("Operating system: Linux") != std::string::npos);
  CHECK(en.find("| 2026-11-24T10:00:00.000+0800 [info] started") != std::string::npos);
  CHECK(en.find("无法连接") == std::string::npos);
  const std::string zh = render_text(r, Language::zh_CN);
  CHECK(zh.find("[故障] TCP 连接") != std::string::npos);
  CHECK(zh.find("仅剩最后一次 PIN 尝试机会。") != std::string::npos);
  CHECK(zh.find("操作系统：Linux") != std::string::npos);
  // Drivers come before tokens, tokens before the service, whatever order they were added in.
  CHECK(en.find("== Token drivers ==") < en.find("== Tokens and certificates =="));
  CHECK(en.find("== Tokens and certificates ==") < en.find("== Renewal service =="));
}

TEST_CASE("redacting a report without secrets changes nothing") {
  const DiagnosticReport r = sample();
  const DiagnosticReport clean = redact_report(r, Redactor());
  CHECK(to_json(clean) == to_json(r));
  CHECK(render_text(clean, Language::en) == render_text(r, Language::en));
}
