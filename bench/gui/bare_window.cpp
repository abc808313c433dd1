// The peer of bench/gui: the barest Dear ImGui + GLFW window with the same CJK font at the same
// size, drawing one line of Chinese, sleeping in glfwWaitEvents between events. It touches the
// file given as its second argument once its first frame is on screen.
// Usage: certrenew-bench-gui-bare FONT_FILE[#INDEX] FIRST_FRAME_MARKER
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s FONT_FILE[#INDEX] MARKER_FILE\n", argv[0]);
    return 2;
  }
  std::string font = argv[1];
  int index = 0;
  if (auto hash = font.rfind('#'); hash != std::string::npos) {
    index = std::atoi(font.c_str() + hash + 1);
    font.resize(hash);
  }
  if (!glfwInit()) return 1;
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  GLFWwindow* window = glfwCreateWindow(1100, 760, "bare", nullptr, nullptr);
  if (!window) return 1;
  glfwMakeContextCurrent(window);
  glfwSwapInterval(1);
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  ImFontConfig config;
  config.FontNo = index;
  config.OversampleH = 1;  // as certrenew does, so the comparison is about everything else
  config.OversampleV = 1;
  config.PixelSnapH = true;
  io.Fonts->AddFontFromFileTTF(font.c_str(), 17.0f, &config,
                               io.Fonts->GetGlyphRangesChineseSimplifiedCommon());
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 130");
  bool first = true;
  while (!glfwWindowShouldClose(window)) {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);  // visible on its first frame, as certrenew's is
    ImGui::Begin("bare");
    ImGui::TextUnformatted("证书续期");
    ImGui::End();
    ImGui::Render();
    int w = 0;
    int h = 0;
    glfwGetFramebufferSize(window, &w, &h);
    glViewport(0, 0, w, h);
    glClearColor(1, 1, 1, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    glfwSwapBuffers(window);
    if (first) {
      std::ofstream(argv[2]) << "first frame\n";
      first = false;
    }
    glfwWaitEvents();
  }
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return 0;
}
