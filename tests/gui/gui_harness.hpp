#pragma once
// Running the real certrenew app the way a person would use it: on its own X server (Xvfb, a free
// display number it picks itself), driven by real X input events (xdotool: pointer moves, clicks,
// key presses), and found by label through the app's test-mode widget map (--test-widget-map).
// POSIX only, like the CI machines.

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace certrenew::testing {

// An Xvfb server on the first free display; DISPLAY of this process points at it while it lives.
class Xvfb {
 public:
  Xvfb();
  Xvfb(const Xvfb&) = delete;
  Xvfb& operator=(const Xvfb&) = delete;
  ~Xvfb();
  const std::string& display() const { return display_; }

 private:
  pid_t pid_ = -1;
  std::string display_;
};

// The certrenew executable with the given arguments (no PIN ever: it is typed), its output in
// `log`. The destructor asks it to stop (SIGTERM) and waits.
class AppProcess {
 public:
  AppProcess(const std::vector<std::string>& args, const std::filesystem::path& log);
  AppProcess(const AppProcess&) = delete;
  AppProcess& operator=(const AppProcess&) = delete;
  ~AppProcess();
  // Waits for the process to end by itself; returns its exit status (-1: killed, timeout).
  int wait_exit(std::chrono::seconds timeout = std::chrono::seconds(30));
  bool running();
  pid_t pid() const { return pid_; }
  std::string log_text() const;

 private:
  pid_t pid_ = -1;
  std::filesystem::path log_;
};

// Clicks and types by widget label. Every wait ends with an exception naming what was awaited
// and the current map, so a failing test says where the app stood.
class GuiDriver {
 public:
  using Map = nlohmann::json;
  explicit GuiDriver(std::filesystem::path map_file,
                     std::chrono::seconds timeout = std::chrono::seconds(40));

  Map map() const;
  Map wait_for(const std::function<bool(const Map&)>& done, const std::string& what) const;
  void wait_screen(const std::string& screen) const;
  void wait_dialog(const std::string& dialog) const;
  void wait_value(const std::string& key, const std::string& value) const;
  void wait_idle() const;  // no background work in flight

  std::string value(const std::string& key) const;  // "" when absent
  bool has_widget(const std::string& label) const;
  bool enabled(const std::string& label) const;

  // Moves the pointer onto the widget (scrolling the screen when it is out of view) and clicks.
  void click(const std::string& label);
  // Clicks until `done` holds (up to three times, `what` names it): for a button that background
  // work may grey out between the look and the click, as a person would click again.
  void click_until(const std::string& label, const std::function<bool(const Map&)>& done,
                   const std::string& what);
  // Clicks into a text box, waits until it has the keyboard, then types; checks every character
  // arrived (xdotool's Unicode typing remaps keys on the fly and can lose one) and retypes it.
  void type(const std::string& label, const std::string& text);
  // Types into the focused widget without reading it back (for the PIN, which is never mapped).
  void type_blind(const std::string& text);
  void key(const std::string& keysym);
  // In screenshot mode (CERTRENEW_SCREENSHOT_DIR set) presses F12, waits for the PNG and names
  // it <name>-<lang>.png; otherwise does nothing.
  void screenshot(const std::string& name);

 private:
  void scroll_down(const Map& m);
  std::filesystem::path file_;
  std::chrono::seconds timeout_;
};

// Where the walk writes screenshots (empty: none), and the language it runs the app in.
std::filesystem::path screenshot_dir();
std::string screenshot_language();  // "zh-CN" (default) or "en"

// Runs a command and throws when it fails (xdotool, certrenew-server admin).
void run_checked(const std::vector<std::string>& argv);

}  // namespace certrenew::testing
