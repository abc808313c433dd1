#pragma once
// One GUI scenario's world: its own X server, a real certrenew-server on loopback, a token
// folder, the certrenew app as a process and the xdotool driver that clicks it by label. Shared
// by the walks (renewal_walk_test.cpp, diagnostics_walk_test.cpp).

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "gui_harness.hpp"
#include "server_process.hpp"

namespace certrenew::testing {

inline constexpr const char* kPin = "123456";  // the demo customer's; typed with xdotool only

std::string read_text(const std::filesystem::path& file);
std::filesystem::path make_temp_dir();

struct World {
  Xvfb x;
  ServerProcess server;
  std::filesystem::path dir = make_temp_dir();
  std::filesystem::path tokens;
  std::filesystem::path config = dir / "config" / "config.json";
  std::filesystem::path map = dir / "widgets.json";
  std::filesystem::path log = dir / "app.log";
  std::unique_ptr<AppProcess> app;
  GuiDriver gui{map};

  // `own_tokens`: an empty token folder of its own instead of the demo customer's.
  explicit World(ServerProcess::Options options, bool own_tokens = false);
  ~World();
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  // The client configuration: the server, its TLS root, the softtoken folder, plus `extra` keys.
  void write_config(const nlohmann::json& extra = nlohmann::json::object());
  // Starts the app (fixed 1100x760 unless `fixed_size` is false) and waits for `first_screen`.
  void start(std::vector<std::string> extra = {}, bool fixed_size = true,
             const std::string& first_screen = "home");
  // Ctrl+Q, as a person closes it; the app must end by itself, cleanly. Returns its status.
  int quit();
  void operator_post(const std::string& no, const std::string& action);
  // The application as the back office sees it, and its state's code ("entered", "completed").
  nlohmann::json operator_view(const std::string& no) const;
  std::string state_code(const std::string& no) const;
  // Nothing the app writes may contain the PIN.
  void check_pin_nowhere();
};

// The demo service and the app started on its home screen: what most walks start from.
// TEST_CASE_FIXTURE(DemoApp, ...) gives the test `w` and its `gui`.
struct DemoApp {
  World w{ServerProcess::Options{.demo = true}};
  GuiDriver& gui = w.gui;
  DemoApp() { w.start(); }
};

}  // namespace certrenew::testing
