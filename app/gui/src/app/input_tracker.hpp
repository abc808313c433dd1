#pragma once
// Two jobs at the seam between GLFW events and Dear ImGui frames:
// - whether the screen may have changed, so the frame loop renders only then and sleeps
//   otherwise (idle CPU near 0%): input and window events mark it through GLFW callbacks that
//   ImGui's backend chains to; finished background work marks it with touch();
// - keys pressed and released between two frames (a fast typist, or xdotool): ImGui 1.86 reads
//   key state once per frame and would miss them, so such a key is held down for one frame.
// Shortcuts that must work on any screen (Ctrl+Q) are taken here too.

#include <chrono>
#include <functional>
#include <vector>

struct GLFWwindow;

namespace certrenew::gui {

class InputTracker {
 public:
  using Clock = std::chrono::steady_clock;

  // Installs the callbacks on `window`; call before ImGui_ImplGlfw_InitForOpenGL.
  void install(GLFWwindow* window);
  // Called for Ctrl+Q and for F12 (the test mode's screenshot key).
  std::function<void()> on_quit;
  std::function<void()> on_screenshot_key;

  // Something changed: render for a short while (ImGui settles layout, hover and tooltips over a
  // few frames after an event).
  void touch();
  bool active(Clock::time_point now) const { return now < active_until_; }

  // Around ImGui::NewFrame: holds latched keys down for this frame, then releases them.
  void before_new_frame();
  void after_frame();

  void key_event(int key, int action, int mods);

 private:
  GLFWwindow* window_ = nullptr;
  Clock::time_point active_until_ = Clock::now() + std::chrono::milliseconds(500);
  struct Press {
    int key;
    int mods;
  };
  std::vector<Press> pressed_;  // pressed since the last frame started
  std::vector<int> held_;       // forced down for the current frame
  std::vector<int> previous_;   // forced down for the frame before
};

}  // namespace certrenew::gui
