#include "testing/widget_map.hpp"

#include <fstream>
#include <memory>
#include <system_error>

#include <imgui_internal.h>
#include <nlohmann/json.hpp>

namespace certrenew::gui {
namespace {
std::unique_ptr<WidgetMap> g_map = std::make_unique<WidgetMap>(std::filesystem::path());
}

WidgetMap& widget_map() {
  return *g_map;
}
void set_widget_map_file(const std::filesystem::path& file) {
  g_map = std::make_unique<WidgetMap>(file);
}

void WidgetMap::begin_frame() {
  widgets_.clear();
  values_.clear();
  disabled_.clear();
  dialog_.clear();
  active_.clear();
}

void WidgetMap::add_last_item(const std::string& label) {
  if (!enabled()) return;
  if (ImGui::IsItemActive()) active_ = label;
  add(label, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
}

void WidgetMap::add(const std::string& label, ImVec2 min, ImVec2 max) {
  if (!enabled()) return;
  // A window appearing is laid out for a frame before it is shown (and may still move as it
  // sizes itself): its widgets are not there to click yet.
  const ImGuiWindow* window = ImGui::GetCurrentWindowRead();
  if (window->Hidden || window->HiddenFramesCannotSkipItems > 0 ||
      window->HiddenFramesCanSkipItems > 0 || window->Appearing)
    return;
  // Behind an open modal dialog nothing can be clicked: leave those widgets out.
  if (ImGuiWindow* modal = ImGui::GetTopMostPopupModal()) {
    ImGuiWindow* current = ImGui::GetCurrentWindowRead();
    if (current != modal && !ImGui::IsWindowChildOf(current, modal, true)) return;
  }
  // Clip to the window the item is in, so a scrolled-away widget is not "clickable".
  const ImVec2 vmin = ImGui::GetWindowPos();
  const ImVec2 vmax(vmin.x + ImGui::GetWindowSize().x, vmin.y + ImGui::GetWindowSize().y);
  const ImVec2 a(std::max(min.x, vmin.x), std::max(min.y, vmin.y));
  const ImVec2 b(std::min(max.x, vmax.x), std::min(max.y, vmax.y));
  if (b.x - a.x < 2 || b.y - a.y < 2) return;
  widgets_[label] = ImVec4(a.x, a.y, b.x - a.x, b.y - a.y);
}

void WidgetMap::value(const std::string& key, const std::string& text) {
  if (enabled()) values_[key] = text;
}

void WidgetMap::disabled(const std::string& label) {
  if (enabled()) disabled_.push_back(label);
}

void WidgetMap::end_frame(bool busy, const std::string& language, int x, int y, int width,
                          int height) {
  if (!enabled()) return;
  nlohmann::json widgets = nlohmann::json::object();
  for (const auto& [label, r] : widgets_)
    widgets[label] = {static_cast<int>(r.x), static_cast<int>(r.y), static_cast<int>(r.z),
                      static_cast<int>(r.w)};
  nlohmann::json body = {{"screen", screen_},
                         {"dialog", dialog_},
                         {"busy", busy},
                         {"active", active_},
                         {"language", language},
                         {"window", {{"x", x}, {"y", y}, {"width", width}, {"height", height}}},
                         {"widgets", widgets},
                         {"disabled", disabled_},
                         {"screenshots", screenshots_},
                         {"last_screenshot", last_screenshot_},
                         {"values", values_}};
  std::string text = body.dump();
  if (text == last_written_) return;
  last_written_ = text;
  body["seq"] = ++seq_;
  const auto tmp = file_.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << body.dump(1) << '\n';
    if (!out) return;  // test aid only: a full disk must not stop the app
  }
  std::error_code ec;
  std::filesystem::rename(tmp, file_, ec);
}

}  // namespace certrenew::gui
