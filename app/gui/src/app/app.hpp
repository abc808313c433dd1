#pragma once
// The application: window, fonts, session and the frame loop. The loop sleeps in
// glfwWaitEventsTimeout until input, finished background work (glfwPostEmptyEvent) or a timer
// needs it, and renders only then: an idle app uses ~0% CPU.

#include <atomic>
#include <filesystem>
#include <memory>

#include "app/about_facts.hpp"
#include "app/input_tracker.hpp"
#include "app/options.hpp"
#include "app/settings.hpp"
#include "app/single_instance.hpp"
#include "app/strings.hpp"
#include "app/task_runner.hpp"
#include "certrenew/client/runtime.hpp"
#include "views/screen_state.hpp"

namespace certrenew::gui {

class Window;
class Fonts;
class Session;
class DiagnosticsPanel;
class PinCare;

class App {
 public:
  explicit App(Options options);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Returns the process exit code.
  int run();

 private:
  void frame();
  void draw_main();
  void draw_screen(Session& session);
  void menu_bar();
  void switch_language(Language language);
  void save_window_settings();
  void take_screenshot(const std::filesystem::path& file);
  void start_diagnostics();
  bool busy() const;              // background work in flight (session or diagnostics)
  unsigned long version() const;  // grows when finished work changed what is shown

  Options options_;
  // Where the configuration and data are, and everything built from them (runtime.hpp); it
  // outlives the session and the diagnostics, which use it.
  std::unique_ptr<client::Runtime> runtime_;
  std::filesystem::path settings_file_;
  GuiSettings settings_;
  AboutFacts about_;
  views::ScreenStates screens_;  // what each screen remembers between frames
  bool show_about_ = false;
  InputTracker input_;
  std::unique_ptr<UiInbox> inbox_;
  std::unique_ptr<Window> window_;
  std::unique_ptr<Fonts> fonts_;
  std::unique_ptr<Session> session_;
  std::unique_ptr<DiagnosticsPanel> diagnostics_;
  std::unique_ptr<PinCare> pin_care_;  // 修改密码 / 解锁 (issue 20)
  int screenshot_countdown_ = 0;       // F12: frames until the shot is taken
  int settled_frames_ = 0;             // --screenshot: frames rendered since everything settled
  bool quit_ = false;
  // One app per data folder (single_instance.hpp): the lock, and requests to come to the front
  // from a second start, handed over from the listener thread.
  std::unique_ptr<SingleInstance> instance_;
  std::atomic<bool> raise_requested_{false};
  std::atomic<bool> window_up_{false};
  int raise_count_ = 0;  // shown to the tests as app.raised
};

}  // namespace certrenew::gui
