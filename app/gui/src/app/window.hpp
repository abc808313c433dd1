#pragma once
// The one GLFW window with its OpenGL context and the Dear ImGui context and backends. Owns their
// lifetimes (RAII) and nothing else: fonts, input tracking and the frame loop live elsewhere.

#include <string>

struct GLFWwindow;

namespace certrenew::gui {

class InputTracker;

// What the graphics stack is, for the diagnostic report (a blank or garbled window is often an
// old OpenGL driver or a remote desktop's software renderer).
struct GraphicsFacts {
  std::string glfw;      // glfwGetVersionString(): version and the window systems built in
  std::string opengl;    // GL_VERSION
  std::string renderer;  // GL_RENDERER, by GL_VENDOR
};

struct WindowOptions {
  int width = 1100;
  int height = 760;
  std::string title;
  bool visible = true;
};

class Window {
 public:
  // Throws std::runtime_error with GLFW's own words when no display or no OpenGL 3 is available.
  // The tracker's callbacks are installed before ImGui's, which chain to them.
  Window(const WindowOptions& options, InputTracker& tracker);
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;
  ~Window();

  GLFWwindow* handle() const { return window_; }
  // The monitor's content scale (1.0 on a 96-dpi screen, 2.0 on a typical HiDPI laptop).
  float content_scale() const;
  bool should_close() const;
  void request_close();
  void set_title(const std::string& title);
  void size(int& width, int& height) const;
  void position(int& x, int& y) const;

  // Restores a minimised window, shows it and asks the window manager for focus (another start
  // of the app asked for it).
  void bring_to_front();
  // Blocks until an event arrives or `timeout_seconds` pass (0: only polls).
  void wait_events(double timeout_seconds);
  void begin_frame();
  // Renders ImGui's draw data into the back buffer; present() shows it.
  void render();
  void present();
  void framebuffer_size(int& width, int& height) const;
  // Reads the current context: call on the UI thread.
  GraphicsFacts graphics_facts() const;

 private:
  GLFWwindow* window_ = nullptr;
};

// Wakes a thread blocked in Window::wait_events (safe from any thread once GLFW is up).
void wake_ui_thread();

}  // namespace certrenew::gui
