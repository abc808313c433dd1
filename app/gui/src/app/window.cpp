#include "app/window.hpp"

#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <stdexcept>
#include <string>

#include "app/input_tracker.hpp"

namespace certrenew::gui {
namespace {

std::string g_glfw_error;

void on_glfw_error(int /*code*/, const char* description) {
  g_glfw_error = description ? description : "unknown GLFW error";
}

}  // namespace

Window::Window(const WindowOptions& options, InputTracker& tracker) {
  glfwSetErrorCallback(on_glfw_error);
  if (!glfwInit()) throw std::runtime_error("cannot open the display (GLFW: " + g_glfw_error + ")");
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  glfwWindowHint(GLFW_VISIBLE, options.visible ? GLFW_TRUE : GLFW_FALSE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
  window_ =
      glfwCreateWindow(options.width, options.height, options.title.c_str(), nullptr, nullptr);
  if (!window_) {
    glfwTerminate();
    throw std::runtime_error("cannot create an OpenGL 3 window (GLFW: " + g_glfw_error + ")");
  }
  glfwMakeContextCurrent(window_);
  glfwSwapInterval(1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  io.IniFilename = nullptr;  // window size and language are our own settings; no imgui.ini
  io.LogFilename = nullptr;

  tracker.install(window_);  // before ImGui's callbacks, which call the previous ones
  ImGui_ImplGlfw_InitForOpenGL(window_, true);
  ImGui_ImplOpenGL3_Init("#version 130");
}

Window::~Window() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window_);
  glfwTerminate();
}

float Window::content_scale() const {
  float x = 1.0f;
  float y = 1.0f;
  glfwGetWindowContentScale(window_, &x, &y);
  if (x <= 0.0f) x = 1.0f;
  return x;
}

bool Window::should_close() const {
  return glfwWindowShouldClose(window_) != 0;
}
void Window::request_close() {
  glfwSetWindowShouldClose(window_, GLFW_TRUE);
}
void Window::set_title(const std::string& title) {
  glfwSetWindowTitle(window_, title.c_str());
}
void Window::size(int& width, int& height) const {
  glfwGetWindowSize(window_, &width, &height);
}
void Window::position(int& x, int& y) const {
  glfwGetWindowPos(window_, &x, &y);
}
void Window::framebuffer_size(int& width, int& height) const {
  glfwGetFramebufferSize(window_, &width, &height);
}

GraphicsFacts Window::graphics_facts() const {
  auto gl_string = [](GLenum name) {
    const auto* text = reinterpret_cast<const char*>(glGetString(name));
    return std::string(text ? text : "?");
  };
  GraphicsFacts facts;
  facts.glfw = glfwGetVersionString();
  facts.opengl = gl_string(GL_VERSION);
  facts.renderer = gl_string(GL_RENDERER) + " (" + gl_string(GL_VENDOR) + ")";
  return facts;
}

void Window::bring_to_front() {
  glfwRestoreWindow(window_);
  glfwShowWindow(window_);
  glfwFocusWindow(window_);
  glfwRequestWindowAttention(window_);
}

void Window::wait_events(double timeout_seconds) {
  if (timeout_seconds <= 0.0)
    glfwPollEvents();
  else
    glfwWaitEventsTimeout(timeout_seconds);
}

void Window::begin_frame() {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
}

void Window::render() {
  ImGui::Render();
  int w = 0;
  int h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  glViewport(0, 0, w, h);
  const ImVec4 background = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(background.x, background.y, background.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void Window::present() {
  glfwSwapBuffers(window_);
}

void wake_ui_thread() {
  glfwPostEmptyEvent();
}

}  // namespace certrenew::gui
