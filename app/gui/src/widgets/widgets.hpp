#pragma once
// The app's own widgets on top of Dear ImGui: every clickable or typeable widget takes a stable
// key, which is both its ImGui id and its label in the test mode's widget map, so GUI tests find
// it by name in any language. Also the style (a light theme with the CA clients' blue) and the
// small pieces every screen uses (headings, sections, field rows, spinner, step strip).

#include <optional>
#include <string>
#include <string_view>

#include <imgui.h>

namespace certrenew::gui {
class Fonts;
}

namespace certrenew::gui::ui {

struct Palette {
  ImVec4 accent{0.12f, 0.42f, 0.78f, 1.0f};
  ImVec4 accent_hover{0.18f, 0.50f, 0.88f, 1.0f};
  ImVec4 accent_active{0.08f, 0.34f, 0.66f, 1.0f};
  ImVec4 text{0.13f, 0.15f, 0.18f, 1.0f};
  ImVec4 muted{0.42f, 0.45f, 0.50f, 1.0f};
  ImVec4 danger{0.80f, 0.16f, 0.16f, 1.0f};
  ImVec4 warning{0.80f, 0.45f, 0.00f, 1.0f};
  ImVec4 success{0.10f, 0.55f, 0.25f, 1.0f};
  ImVec4 banner_warning{1.00f, 0.96f, 0.86f, 1.0f};
  ImVec4 banner_danger{1.00f, 0.92f, 0.92f, 1.0f};
  ImVec4 banner_info{0.91f, 0.95f, 1.00f, 1.0f};
  ImVec4 panel{0.97f, 0.98f, 0.99f, 1.0f};
};
const Palette& palette();

// Style and sizes for this monitor's scale; the fonts the widgets draw with.
void setup(float scale, Fonts* fonts);
float scale();
float px(float logical);  // logical pixels at scale 1 -> screen pixels
Fonts& fonts();
ImFont* heading_font();
// The text will be drawn: make sure its characters are in the atlas (for text from outside the
// strings table: certificates, the service, typed input).
const std::string& need(const std::string& text);

// Buttons. `enabled` false draws them greyed out and they cannot be clicked.
bool button(const char* key, const char* text, bool enabled = true, ImVec2 size = {});
bool primary_button(const char* key, const char* text, bool enabled = true, ImVec2 size = {});
bool danger_button(const char* key, const char* text, bool enabled = true, ImVec2 size = {});
// A hyperlink-like text button, as the guide's 详细信息 and 从经办人处拷贝.
bool link(const char* key, const char* text, bool enabled = true);
bool checkbox(const char* key, const char* text, bool* value);
// Which 复制 button was pressed last and when: it says 已复制 for two seconds. The screen owns it
// (views/screen_state.hpp); no widget keeps state between frames of its own.
struct CopyFeedback {
  std::string key;
  double at = -10.0;
};
// Copies `value` to the clipboard and says so for a moment.
void copy_button(const char* key, const std::string& value, CopyFeedback& feedback);

void heading(const char* text);
void section(const char* text);
void muted(const std::string& text);
void wrapped(const std::string& text, const ImVec4* color = nullptr);
// `text` broken into lines no wider than `width` in the current font (CJK-aware). Short quotations
// (“确定”) stay whole.
std::string wrap_to(const std::string& text, float width);
// `text` on one line no wider than `width`: cut at a character boundary and ended with an
// ellipsis when it does not fit (table cells).
std::string fit_to(const std::string& text, float width);
enum class Banner { info, warning, danger };
void banner(const char* key, const std::string& text, Banner kind);

// A labelled row with a value (read-only); with `copy`, a copy button beside it.
void value_row(const char* key, const char* label, const std::string& value,
               CopyFeedback* copy = nullptr, float label_width = 0);

struct Field {
  const char* key;
  const char* label;
  bool required = true;
  const char* hint = nullptr;          // grey, to the right of the box
  const std::string* error = nullptr;  // red, under the box
  bool read_only = false;
  float width = 0;  // 0: the default field width
  float label_width = 0;
  bool* finished = nullptr;  // set when the user leaves the box after editing it
  bool password = false;
  int lines = 1;  // more than 1: a box that many lines high, the text wrapped (no newlines kept)
};
// Returns true when the text changed.
bool text_field(const Field& field, std::string& value);
// A form row's label column, as text_field draws it: a red * for a required value (else the same
// space), the label, then the cursor on the same line at the control column (`label_width`;
// 0: 170 px). Returns that column's x (for lines under the control).
float field_label(const char* label, bool required, float label_width = 0);
// A box `lines` high whose text wraps at its width as it is typed (ImGui's multi-line box does
// not wrap); `value` never holds the line breaks.
bool wrapped_text_box(const char* id, std::string& value, float width, int lines,
                      ImGuiInputTextFlags flags = 0);

// Busy indicator, drawn at the cursor.
void spinner(float radius_px = 0);
// The spinner while `busy`, with what comes next on the same line (footers' working indicator).
void busy_spinner(bool busy);
// 1..10 as in the guide: the current step highlighted, the ones before it ticked.
void step_strip(int current_step);

// ImGui keeps its own copy of the text being edited; after a PIN field is done, wipe it.
void wipe_text_input_state();
bool enter_pressed();
bool escape_pressed();

// A table in the app's look (striped rows, an outer border, lines between the columns); true
// when it is visible (then call ImGui::EndTable()).
bool begin_grid_table(const char* id, int columns);

// A centred modal dialog; returns true while it is open (then call end_modal()).
bool begin_modal(const char* key, const char* title, float width_px, bool* open = nullptr);
void end_modal();
// Closes the modal being drawn and clears the flag its screen keeps it open with.
void close_modal(bool& open);

// The right-aligned bar of buttons at the bottom of a screen: call before the buttons with the
// total width they need.
void align_right(float width);
// The width a button labelled `text` takes: its text and the frame's padding on both sides.
float button_width(const char* text);
// A dialog's one closing button, alone at the right (`primary`: in the accent colour). True when
// it is pressed, or Enter or Escape is: a dialog that only informs closes on any of them.
enum class ButtonLook { plain, primary };
bool closing_button(const char* key, const char* text, ButtonLook look = ButtonLook::plain);

}  // namespace certrenew::gui::ui
