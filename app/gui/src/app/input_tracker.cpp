#include "app/input_tracker.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>

namespace certrenew::gui {
namespace {

// GLFW callbacks are plain functions; the tracker is found through the window's user pointer.
InputTracker* tracker_of(GLFWwindow* w) {
  return static_cast<InputTracker*>(glfwGetWindowUserPointer(w));
}
void on_cursor(GLFWwindow* w, double, double) {
  tracker_of(w)->touch();
}
void on_button(GLFWwindow* w, int, int, int) {
  tracker_of(w)->touch();
}
void on_scroll(GLFWwindow* w, double, double) {
  tracker_of(w)->touch();
}
void on_key(GLFWwindow* w, int key, int, int action, int mods) {
  tracker_of(w)->key_event(key, action, mods);
}
void on_char(GLFWwindow* w, unsigned int) {
  tracker_of(w)->touch();
}
void on_enter(GLFWwindow* w, int) {
  tracker_of(w)->touch();
}
void on_focus(GLFWwindow* w, int) {
  tracker_of(w)->touch();
}
void on_size(GLFWwindow* w, int, int) {
  tracker_of(w)->touch();
}
void on_refresh(GLFWwindow* w) {
  tracker_of(w)->touch();
}

bool valid_key(int key) {
  return key >= 0 && key < static_cast<int>(IM_ARRAYSIZE(ImGuiIO{}.KeysDown));
}

}  // namespace

void InputTracker::install(GLFWwindow* window) {
  window_ = window;
  glfwSetWindowUserPointer(window, this);
  glfwSetCursorPosCallback(window, on_cursor);
  glfwSetMouseButtonCallback(window, on_button);
  glfwSetScrollCallback(window, on_scroll);
  glfwSetKeyCallback(window, on_key);
  glfwSetCharCallback(window, on_char);
  glfwSetCursorEnterCallback(window, on_enter);
  glfwSetWindowFocusCallback(window, on_focus);
  glfwSetWindowSizeCallback(window, on_size);
  glfwSetWindowRefreshCallback(window, on_refresh);
}

void InputTracker::touch() {
  const auto until = Clock::now() + std::chrono::milliseconds(600);
  if (until > active_until_) active_until_ = until;
}

void InputTracker::key_event(int key, int action, int mods) {
  touch();
  if (action != GLFW_PRESS) return;
  if (key == GLFW_KEY_Q && (mods & GLFW_MOD_CONTROL) && on_quit) on_quit();
  if (key == GLFW_KEY_F12 && on_screenshot_key) on_screenshot_key();
  if (valid_key(key)) pressed_.push_back({key, mods});
}

void InputTracker::before_new_frame() {
  // One latched key per frame, so that Ctrl+A then Backspace typed faster than the frame rate
  // still happen in that order (ImGui 1.86 handles keys of one frame in its own order).
  ImGuiIO& io = ImGui::GetIO();
  while (!pressed_.empty()) {
    const Press p = pressed_.front();
    // The same key held for the last frame: ImGui must see it up for a frame in between, or the
    // two presses merge into one long one (two quick Backspaces would delete one character).
    if (std::find(previous_.begin(), previous_.end(), p.key) != previous_.end()) break;
    pressed_.erase(pressed_.begin());
    if (io.KeysDown[p.key]) continue;  // still held: ImGui sees it anyway
    io.KeysDown[p.key] = true;         // released again before this frame: hold it for one
    io.KeyCtrl = io.KeyCtrl || (p.mods & GLFW_MOD_CONTROL);  // frame, with the modifiers it
    io.KeyShift = io.KeyShift || (p.mods & GLFW_MOD_SHIFT);  // was pressed with (Ctrl+A)
    io.KeyAlt = io.KeyAlt || (p.mods & GLFW_MOD_ALT);
    io.KeySuper = io.KeySuper || (p.mods & GLFW_MOD_SUPER);
    held_.push_back(p.key);
    break;
  }
  if (!pressed_.empty()) touch();  // more frames are needed for the rest
}

void InputTracker::after_frame() {
  ImGuiIO& io = ImGui::GetIO();
  previous_ = held_;
  if (held_.empty()) return;
  for (int key : held_) io.KeysDown[key] = glfwGetKey(window_, key) == GLFW_PRESS;
  auto down = [&](int a, int b) { return io.KeysDown[a] || io.KeysDown[b]; };
  io.KeyCtrl = down(GLFW_KEY_LEFT_CONTROL, GLFW_KEY_RIGHT_CONTROL);
  io.KeyShift = down(GLFW_KEY_LEFT_SHIFT, GLFW_KEY_RIGHT_SHIFT);
  io.KeyAlt = down(GLFW_KEY_LEFT_ALT, GLFW_KEY_RIGHT_ALT);
  io.KeySuper = down(GLFW_KEY_LEFT_SUPER, GLFW_KEY_RIGHT_SUPER);
  held_.clear();
}

}  // namespace certrenew::gui
