#pragma once
// Test mode: a JSON file that says where each labelled widget is, so GUI tests can click and
// type by label with real X input events (xdotool). Rewritten (temp file + rename) only when
// something in it changed. Format:
//   {"seq": 12, "screen": "form", "dialog": "pin", "busy": false, "language": "zh-CN",
//    "window": {"x": 0, "y": 0, "width": 1100, "height": 760},
//    "widgets": {"form.submit": [x, y, w, h], ...},   // window coordinates, pixels
//    "disabled": ["agreement.next"],                  // drawn greyed out
//    "values": {"payment.business_no": "01...", ...}} // texts a test may check
// "active" names the text box that has the keyboard (type only once it is there).
// Only the topmost layer's widgets are listed while a modal dialog is open.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <imgui.h>

namespace certrenew::gui {

class WidgetMap {
 public:
  explicit WidgetMap(std::filesystem::path file) : file_(std::move(file)) {}
  bool enabled() const { return !file_.empty(); }

  void begin_frame();
  // The last item ImGui submitted, under `label`.
  void add_last_item(const std::string& label);
  void add(const std::string& label, ImVec2 min, ImVec2 max);
  void value(const std::string& key, const std::string& text);
  // A screenshot was written (kept across frames: "screenshots": count, "last_screenshot").
  void screenshot_written(const std::string& name) {
    ++screenshots_;
    last_screenshot_ = name;
  }
  // A widget drawn greyed out: listed under "disabled" so a test can check the state.
  void disabled(const std::string& label);
  // Tracked even when the map is off: screenshots are named after them.
  void set_screen(std::string screen) { screen_ = std::move(screen); }
  void set_dialog(std::string dialog) { dialog_ = std::move(dialog); }
  const std::string& screen() const { return screen_; }
  const std::string& dialog() const { return dialog_; }
  // After the frame is rendered: writes the file if the content changed.
  void end_frame(bool busy, const std::string& language, int x, int y, int width, int height);

 private:
  std::filesystem::path file_;
  std::map<std::string, ImVec4> widgets_;
  std::map<std::string, std::string> values_;
  std::vector<std::string> disabled_;
  std::string screen_;
  std::string dialog_;
  std::string active_;  // the widget being edited (keyboard focus), "" when none
  std::string last_written_;
  int screenshots_ = 0;
  std::string last_screenshot_;
  unsigned long seq_ = 0;
};

// The app's one map (a no-op when test mode is off), so views can label widgets without
// threading it through every call.
WidgetMap& widget_map();
void set_widget_map_file(const std::filesystem::path& file);

}  // namespace certrenew::gui
