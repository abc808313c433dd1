// The diagnostic view as a support engineer uses it: `certrenew --diagnostic` against a real
// certrenew-server whose clock is an hour off, with a driver folder holding a library built for
// another driver ABI. The view must show those two as faults beside the green lines (driver
// loaded, token seen, TLS verified), export the support bundle (refusing a folder that does not
// exist first, then writing to the same path once it does), go back to the renewal screens, come
// back through the Help menu and, asked to check again after the service went down, say so.
#include <doctest/doctest.h>

#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "gui_harness.hpp"
#include "gui_world.hpp"
#include "server_process.hpp"

namespace fs = std::filesystem;
using namespace certrenew::testing;
using nlohmann::json;

namespace {

struct Line {
  std::string status;
  std::string title;
  std::string sentence;
};

// The view's lines by check id, in order (several drivers or certificates share an id).
std::multimap<std::string, Line> lines(const json& map) {
  std::multimap<std::string, Line> out;
  const json& v = map["values"];
  for (int i = 0; v.contains("diag.check." + std::to_string(i) + ".id"); ++i) {
    const std::string k = "diag.check." + std::to_string(i);
    out.emplace(v[k + ".id"].get<std::string>(),
                Line{v[k + ".status"], v[k + ".title"], v[k + ".sentence"]});
  }
  return out;
}

std::vector<Line> with_id(const json& map, const std::string& id) {
  std::vector<Line> out;
  const auto all = lines(map);
  for (auto [it, end] = all.equal_range(id); it != end; ++it) out.push_back(it->second);
  return out;
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Waits until the view shows the report of run number `run` (1: the first).
json wait_report(GuiDriver& gui, int run) {
  return gui.wait_for(
      [&](const json& m) {
        const json& v = m["values"];
        return v.value("diag.state", "") == "ready" && v.contains("diag.overall") &&
               v.value("diag.runs", "") == std::to_string(run);
      },
      "diagnostic report number " + std::to_string(run));
}

}  // namespace

TEST_CASE("the diagnostic view shows each check's verdict, exports the bundle, and checks again") {
  ServerProcess::Options options;
  options.demo = true;
  options.clock_offset_seconds = 3600;  // the service's clock an hour ahead of this machine's
  World w(options);
  const fs::path plugins = w.dir / "plugins";
  fs::create_directories(plugins);
  fs::copy_file(FIXTURE_WRONG_ABI, plugins / "libacme-old-abi.so");
  w.write_config({{"plugin_dirs", json::array({plugins.string()})}});

  // The bundle's default place is the home folder; this app's does not exist yet.
  const fs::path home = w.dir / "home";
  const std::string home_before = std::getenv("HOME") ? std::getenv("HOME") : "/root";
  setenv("HOME", home.c_str(), 1);
  w.start({"--diagnostic"}, true, "diagnostics");
  setenv("HOME", home_before.c_str(), 1);
  auto& gui = w.gui;
  json m = wait_report(gui, 1);
  CHECK(m["values"]["diag.overall"] == "red");

  // The faults: the foreign library named with its reason, the clock an hour off.
  const auto rejected = with_id(m, "driver.rejected");
  REQUIRE(rejected.size() == 1);
  CHECK(rejected[0].status == "red");
  CHECK(has(rejected[0].title, "libacme-old-abi.so"));
  const auto clock = with_id(m, "service.clock");
  REQUIRE(clock.size() == 1);
  CHECK(clock[0].status == "red");
  // What works is green: the softtoken driver, the demo customer's token, TLS against the trust.
  bool softtoken = false;
  for (const Line& l : with_id(m, "driver.loaded")) softtoken |= has(l.title, "softtoken");
  CHECK(softtoken);
  REQUIRE_FALSE(with_id(m, "token.present").empty());
  CHECK(with_id(m, "token.present")[0].status == "green");
  REQUIRE(with_id(m, "service.tls").size() == 1);
  CHECK(with_id(m, "service.tls")[0].status == "green");
  // The app adds what only it knows to the environment.
  CHECK(has(gui.value("diag.env.glfw"), "3."));
  CHECK_FALSE(gui.value("diag.env.opengl").empty());
  CHECK_FALSE(gui.value("diag.env.imgui").empty());
  gui.screenshot("diagnostics-report");

  // Every line that is not green is listed first, as a link that scrolls to the line.
  int not_green = 0;
  int clock_index = -1;
  for (int i = 0; m["values"].contains("diag.check." + std::to_string(i) + ".id"); ++i) {
    const std::string k = "diag.check." + std::to_string(i);
    not_green += m["values"][k + ".status"] != "green";
    if (m["values"][k + ".id"] == "service.clock") clock_index = i;
  }
  int jumps = 0;
  for (const auto& [label, rect] : m["widgets"].items()) jumps += label.rfind("diag.jump.", 0) == 0;
  CHECK(jumps == not_green);
  REQUIRE(clock_index >= 0);
  gui.click("diag.jump." + std::to_string(clock_index));
  gui.wait_for(
      [&](const json& j) {
        return j["widgets"].contains("diag.check." + std::to_string(clock_index));
      },
      "the clock line scrolled into view");

  // Export: the default path, in a home folder that does not exist, is refused saying where, and
  // nothing is created.
  const fs::path bundle = gui.value("diag.export_path");
  CHECK(bundle.parent_path() == home);
  CHECK(bundle.filename().string().rfind("certrenew-diagnostics-", 0) == 0);
  CHECK(has(bundle.filename().string(), ".tar.gz"));
  gui.click("diag.export");
  gui.wait_for([](const json& j) { return j["values"].contains("diag.problem"); },
               "the export to be refused");
  CHECK(has(gui.value("diag.problem"), bundle.string()));
  CHECK_FALSE(fs::exists(home));
  // Once the folder is there the same export works: report and logs, the app's facts included.
  fs::create_directories(home);
  gui.click("diag.export");
  gui.wait_value("diag.exported_file", bundle.string());
  CHECK_FALSE(gui.map()["values"].contains("diag.problem"));
  std::string listing;
  REQUIRE(run_program({"/bin/tar", "-tzf", bundle.string()}, &listing) == 0);
  CHECK(has(listing, "report.json"));
  CHECK(has(listing, "report.zh-CN.txt"));
  std::string report_text;
  REQUIRE(run_program({"/bin/tar", "-xzOf", bundle.string(), "report.json"}, &report_text) == 0);
  const json report = json::parse(report_text);
  CHECK(report["overall"] == "red");
  bool glfw = false;
  for (const json& e : report["environment"]) glfw |= e["key"] == "glfw";
  CHECK(glfw);
  gui.screenshot("diagnostics-exported");

  // Back to the renewal screens; the Help menu brings the same report back.
  gui.click("diag.back");
  gui.wait_screen("home");
  gui.click("menu.help");
  gui.click("menu.diagnostics");
  gui.wait_screen("diagnostics");
  CHECK(gui.value("diag.runs") == "1");  // shown again, not run again

  // The service goes down; 重新检测 says so.
  w.server.stop();
  gui.click("diag.rerun");
  m = wait_report(gui, 2);
  const auto connect = with_id(m, "service.connect");
  REQUIRE(connect.size() == 1);
  CHECK(connect[0].status == "red");
  CHECK(w.quit() == 0);
}
