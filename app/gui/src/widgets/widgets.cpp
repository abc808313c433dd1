#include "widgets/widgets.hpp"

#include <imgui_internal.h>
#include <imgui_stdlib.h>
#include <openssl/crypto.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "app/fonts.hpp"
#include "app/strings.hpp"
#include "testing/widget_map.hpp"
#include "widgets/line_wrap.hpp"

namespace certrenew::gui::ui {
namespace {

float g_scale = 1.0f;
Fonts* g_fonts = nullptr;
Palette g_palette;

std::string id_of(const char* text, const char* key) {
  return std::string(text) + "##" + key;
}

ImU32 color(const ImVec4& c) {
  return ImGui::ColorConvertFloat4ToU32(c);
}

bool finish_button(const char* key, bool pressed, bool enabled) {
  widget_map().add_last_item(key);
  if (!enabled) widget_map().disabled(key);
  return pressed && enabled;
}

}  // namespace

const Palette& palette() {
  return g_palette;
}
float scale() {
  return g_scale;
}
float px(float logical) {
  return std::round(logical * g_scale);
}
Fonts& fonts() {
  return *g_fonts;
}
ImFont* heading_font() {
  return g_fonts->heading();
}

const std::string& need(const std::string& text) {
  if (g_fonts) g_fonts->require(text);
  return text;
}

void setup(float s, Fonts* f) {
  g_scale = s;
  g_fonts = f;
  ImGui::StyleColorsLight();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowPadding = ImVec2(16, 12);
  style.FramePadding = ImVec2(10, 6);
  style.ItemSpacing = ImVec2(10, 8);
  style.ItemInnerSpacing = ImVec2(6, 4);
  style.CellPadding = ImVec2(8, 5);
  style.ScrollbarSize = 14;
  style.FrameRounding = 4;
  style.GrabRounding = 4;
  style.PopupRounding = 6;
  style.WindowRounding = 6;
  style.ChildRounding = 4;
  style.FrameBorderSize = 1;
  style.WindowBorderSize = 1;
  style.ScaleAllSizes(s);
  ImVec4* c = style.Colors;
  const Palette& p = g_palette;
  c[ImGuiCol_Text] = p.text;
  c[ImGuiCol_TextDisabled] = ImVec4(0.62f, 0.64f, 0.67f, 1.0f);
  c[ImGuiCol_WindowBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
  c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_PopupBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
  c[ImGuiCol_Border] = ImVec4(0.80f, 0.83f, 0.87f, 1.0f);
  c[ImGuiCol_FrameBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
  c[ImGuiCol_FrameBgHovered] = ImVec4(0.95f, 0.97f, 1.0f, 1.0f);
  c[ImGuiCol_FrameBgActive] = ImVec4(0.92f, 0.95f, 1.0f, 1.0f);
  c[ImGuiCol_TitleBg] = p.accent;
  c[ImGuiCol_TitleBgActive] = p.accent;
  c[ImGuiCol_TitleBgCollapsed] = p.accent;
  c[ImGuiCol_MenuBarBg] = ImVec4(0.94f, 0.95f, 0.97f, 1.0f);
  c[ImGuiCol_Button] = ImVec4(0.93f, 0.94f, 0.96f, 1.0f);
  c[ImGuiCol_ButtonHovered] = ImVec4(0.86f, 0.91f, 0.98f, 1.0f);
  c[ImGuiCol_ButtonActive] = ImVec4(0.78f, 0.86f, 0.97f, 1.0f);
  c[ImGuiCol_Header] = ImVec4(0.86f, 0.91f, 0.98f, 1.0f);
  c[ImGuiCol_HeaderHovered] = ImVec4(0.90f, 0.94f, 0.99f, 1.0f);
  c[ImGuiCol_HeaderActive] = ImVec4(0.80f, 0.88f, 0.98f, 1.0f);
  c[ImGuiCol_CheckMark] = p.accent;
  c[ImGuiCol_TableHeaderBg] = ImVec4(0.93f, 0.95f, 0.98f, 1.0f);
  c[ImGuiCol_TableRowBgAlt] = ImVec4(0.975f, 0.98f, 0.99f, 1.0f);
  // The chosen tab is the tinted one, as on every other selection in the app.
  c[ImGuiCol_Tab] = ImVec4(0.97f, 0.98f, 0.99f, 1.0f);
  c[ImGuiCol_TabActive] = ImVec4(0.80f, 0.88f, 0.98f, 1.0f);
  c[ImGuiCol_TabHovered] = ImVec4(0.88f, 0.93f, 0.99f, 1.0f);
  c[ImGuiCol_TabUnfocused] = c[ImGuiCol_Tab];
  c[ImGuiCol_TabUnfocusedActive] = c[ImGuiCol_TabActive];
  c[ImGuiCol_ModalWindowDimBg] = ImVec4(0.10f, 0.12f, 0.16f, 0.35f);
  c[ImGuiCol_NavHighlight] = p.accent;
}

bool button(const char* key, const char* text, bool enabled, ImVec2 size) {
  ImGui::BeginDisabled(!enabled);
  const bool pressed = ImGui::Button(id_of(text, key).c_str(), size);
  ImGui::EndDisabled();
  return finish_button(key, pressed, enabled);
}

bool primary_button(const char* key, const char* text, bool enabled, ImVec2 size) {
  const Palette& p = g_palette;
  ImGui::PushStyleColor(ImGuiCol_Button, p.accent);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, p.accent_hover);
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, p.accent_active);
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
  ImGui::PushStyleColor(ImGuiCol_Border, p.accent_active);
  const bool pressed = button(key, text, enabled, size);
  ImGui::PopStyleColor(5);
  return pressed;
}

bool danger_button(const char* key, const char* text, bool enabled, ImVec2 size) {
  ImGui::PushStyleColor(ImGuiCol_Text, g_palette.danger);
  const bool pressed = button(key, text, enabled, size);
  ImGui::PopStyleColor();
  return pressed;
}

bool link(const char* key, const char* text, bool enabled) {
  const ImVec4 c = enabled ? g_palette.accent : ImGui::GetStyle().Colors[ImGuiCol_TextDisabled];
  ImGui::PushStyleColor(ImGuiCol_Text, c);
  ImGui::BeginDisabled(!enabled);
  const bool pressed = ImGui::Selectable(id_of(text, key).c_str(), false, ImGuiSelectableFlags_None,
                                         ImGui::CalcTextSize(text));
  ImGui::EndDisabled();
  ImGui::PopStyleColor();
  const ImVec2 a = ImGui::GetItemRectMin();
  const ImVec2 b = ImGui::GetItemRectMax();
  if (ImGui::IsItemHovered()) {
    ImGui::GetWindowDrawList()->AddLine(ImVec2(a.x, b.y), b, color(c), 1.0f);
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  }
  return finish_button(key, pressed, enabled);
}

bool checkbox(const char* key, const char* text, bool* value) {
  const bool changed = ImGui::Checkbox(id_of(text, key).c_str(), value);
  widget_map().add_last_item(key);
  widget_map().value(key, *value ? "checked" : "unchecked");
  return changed;
}

void copy_button(const char* key, const std::string& value, CopyFeedback& feedback) {
  const bool recently = feedback.key == key && ImGui::GetTime() - feedback.at < 2.0;
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(px(6), px(2)));
  if (button(key, recently ? tr(T::copied) : tr(T::btn_copy))) {
    ImGui::SetClipboardText(value.c_str());
    feedback.key = key;
    feedback.at = ImGui::GetTime();
  }
  ImGui::PopStyleVar();
}

void heading(const char* text) {
  ImGui::PushFont(g_fonts->heading());
  ImGui::TextUnformatted(text);
  ImGui::PopFont();
}

void section(const char* text) {
  ImGui::Spacing();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float h = ImGui::GetTextLineHeight();
  ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + px(4), p.y + h),
                                            color(g_palette.accent));
  ImGui::SetCursorScreenPos(ImVec2(p.x + px(12), p.y));
  ImGui::PushStyleColor(ImGuiCol_Text, g_palette.accent_active);
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
  ImGui::Separator();
}

void muted(const std::string& text) {
  wrapped(text, &g_palette.muted);
}

std::string wrap_to(const std::string& text, float width) {
  return wrap_text(text, width, ImGui::GetFont(), ImGui::GetFontSize());
}

std::string fit_to(const std::string& text, float width) {
  need(text);
  if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
  // Chinese fonts draw U+2026 mid-line, as Chinese wants; English gets three full stops.
  const std::string ellipsis = language() == Language::en ? "..." : "…";
  const float room = width - ImGui::CalcTextSize(ellipsis.c_str()).x;
  std::size_t end = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t next = i + 1;
    while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
    if (ImGui::CalcTextSize(text.data(), text.data() + next).x > room) break;
    end = next;
    i = next;
  }
  return text.substr(0, end) + ellipsis;
}

void wrapped(const std::string& text, const ImVec4* c) {
  need(text);
  if (c) ImGui::PushStyleColor(ImGuiCol_Text, *c);
  ImGui::TextUnformatted(wrap_to(text, ImGui::GetContentRegionAvail().x).c_str());
  if (c) ImGui::PopStyleColor();
}

void banner(const char* key, const std::string& text, Banner kind) {
  need(text);
  const Palette& p = g_palette;
  const ImVec4 bg = kind == Banner::danger    ? p.banner_danger
                    : kind == Banner::warning ? p.banner_warning
                                              : p.banner_info;
  const ImVec4 fg = kind == Banner::danger    ? p.danger
                    : kind == Banner::warning ? p.warning
                                              : p.accent;
  const float pad = px(10);
  const float width = ImGui::GetContentRegionAvail().x;
  const std::string lines = wrap_to(text, width - 2 * pad - px(6));
  const ImVec2 size = ImGui::CalcTextSize(lines.c_str());
  const ImVec2 a = ImGui::GetCursorScreenPos();
  const ImVec2 b(a.x + width, a.y + size.y + 2 * pad);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(a, b, color(bg), px(4));
  dl->AddRectFilled(a, ImVec2(a.x + px(4), b.y), color(fg), px(4), ImDrawFlags_RoundCornersLeft);
  dl->AddText(ImVec2(a.x + pad + px(6), a.y + pad), color(p.text), lines.c_str());
  ImGui::Dummy(ImVec2(width, b.y - a.y));
  widget_map().add_last_item(key);
  widget_map().value(key, text);
}

void value_row(const char* key, const char* label, const std::string& value, CopyFeedback* copy,
               float label_width) {
  need(value);
  if (label_width <= 0) label_width = px(150);
  const float x = ImGui::GetCursorPosX();
  ImGui::PushStyleColor(ImGuiCol_Text, g_palette.muted);
  ImGui::TextUnformatted(label);
  ImGui::PopStyleColor();
  ImGui::SameLine();
  ImGui::SetCursorPosX(x + label_width);
  if (copy) {
    ImGui::TextUnformatted(value.c_str());
    widget_map().add_last_item(std::string(key) + ".text");
    ImGui::SameLine();
    copy_button((std::string(key) + ".copy").c_str(), value, *copy);
  } else {
    ImGui::TextUnformatted(wrap_to(value, ImGui::GetContentRegionAvail().x).c_str());
  }
  widget_map().value(key, value);
}

namespace {

struct WrapBox {
  float width;
};

// Keeps the text in the box wrapped as it is edited: the soft line breaks are taken out and put
// back where they now belong, the cursor kept after the same character.
int rewrap(ImGuiInputTextCallbackData* d) {
  if (d->EventFlag != ImGuiInputTextFlags_CallbackEdit) return 0;
  const auto* box = static_cast<const WrapBox*>(d->UserData);
  const std::string now(d->Buf, static_cast<std::size_t>(d->BufTextLen));
  std::string flat;
  std::size_t cursor = 0;  // bytes of `flat` before the cursor
  for (std::size_t i = 0; i < now.size(); ++i) {
    if (static_cast<int>(i) == d->CursorPos) cursor = flat.size();
    if (now[i] != '\n') flat.push_back(now[i]);
  }
  if (d->CursorPos >= static_cast<int>(now.size())) cursor = flat.size();
  const std::string wrapped = wrap_to(flat, box->width);
  if (wrapped == now) return 0;
  d->DeleteChars(0, d->BufTextLen);
  d->InsertChars(0, wrapped.c_str(), wrapped.c_str() + wrapped.size());
  std::size_t seen = 0;
  int pos = 0;
  for (; pos < static_cast<int>(wrapped.size()) && seen < cursor; ++pos)
    if (wrapped[static_cast<std::size_t>(pos)] != '\n') ++seen;
  d->CursorPos = d->SelectionStart = d->SelectionEnd = pos;
  return 0;
}

}  // namespace

bool wrapped_text_box(const char* id, std::string& value, float width, int lines,
                      ImGuiInputTextFlags flags) {
  const auto& st = ImGui::GetStyle();
  WrapBox box{width - st.FramePadding.x * 2 - px(2)};
  std::string shown = wrap_to(value, box.width);
  const float height =
      ImGui::GetTextLineHeight() * static_cast<float>(lines) + st.FramePadding.y * 2;
  // Enter leaves the box (as in the one-line fields); the text has no hard line breaks.
  const bool changed = ImGui::InputTextMultiline(
      id, &shown, ImVec2(width, height),
      flags | ImGuiInputTextFlags_CtrlEnterForNewLine | ImGuiInputTextFlags_CallbackEdit, rewrap,
      &box);
  if (changed) {
    std::erase(shown, '\n');
    value = shown;
  }
  return changed;
}

float field_label(const char* label, bool required, float label_width) {
  const float x = ImGui::GetCursorPosX();
  ImGui::AlignTextToFramePadding();
  if (required) {
    ImGui::PushStyleColor(ImGuiCol_Text, g_palette.danger);
    ImGui::TextUnformatted("*");
    ImGui::PopStyleColor();
  } else {
    ImGui::Dummy(ImVec2(ImGui::CalcTextSize("*").x, 1));
  }
  ImGui::SameLine(0, px(4));
  ImGui::TextUnformatted(label);
  ImGui::SameLine();
  const float control_x = x + (label_width > 0 ? label_width : px(170));
  ImGui::SetCursorPosX(control_x);
  return control_x;
}

bool text_field(const Field& f, std::string& value) {
  const Palette& p = g_palette;
  const float control_x = field_label(f.label, f.required, f.label_width);
  ImGui::SetNextItemWidth(f.width > 0 ? f.width : px(300));
  if (f.error) ImGui::PushStyleColor(ImGuiCol_Border, p.danger);
  ImGuiInputTextFlags flags = f.read_only ? ImGuiInputTextFlags_ReadOnly : 0;
  if (f.password) flags |= ImGuiInputTextFlags_Password;
  const std::string id = std::string("##") + f.key;
  bool changed = false;
  if (f.lines > 1) {
    changed = wrapped_text_box(id.c_str(), value, f.width > 0 ? f.width : px(300), f.lines, flags);
  } else {
    changed = ImGui::InputText(id.c_str(), &value, flags);
  }
  if (f.finished) *f.finished = ImGui::IsItemDeactivatedAfterEdit();
  if (f.error) ImGui::PopStyleColor();
  widget_map().add_last_item(f.key);
  widget_map().value(f.key, value);
  if (changed) need(value);
  if (f.hint) {
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, p.muted);
    ImGui::TextUnformatted(wrap_to(f.hint, ImGui::GetContentRegionAvail().x).c_str());
    ImGui::PopStyleColor();
  }
  if (f.error) {
    need(*f.error);
    ImGui::SetCursorPosX(control_x);
    ImGui::PushStyleColor(ImGuiCol_Text, p.danger);
    ImGui::TextUnformatted(wrap_to(*f.error, ImGui::GetContentRegionAvail().x).c_str());
    ImGui::PopStyleColor();
    widget_map().add_last_item(std::string(f.key) + ".error");
    widget_map().value(std::string(f.key) + ".error", *f.error);
  }
  return changed;
}

void spinner(float radius) {
  if (radius <= 0) radius = ImGui::GetTextLineHeight() * 0.45f;
  // Beside a button the line's text sits FramePadding.y lower: centre on that text, not above.
  const float baseline = ImGui::GetCurrentWindow()->DC.CurrLineTextBaseOffset;
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const ImVec2 centre(p.x + radius, p.y + baseline + ImGui::GetTextLineHeight() * 0.5f);
  const float t = static_cast<float>(ImGui::GetTime()) * 6.0f;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  constexpr int kSegments = 24;
  dl->PathClear();
  for (int i = 0; i <= kSegments; ++i) {
    const float a = t + static_cast<float>(i) / kSegments * 4.5f;
    dl->PathLineTo(ImVec2(centre.x + std::cos(a) * radius, centre.y + std::sin(a) * radius));
  }
  dl->PathStroke(color(g_palette.accent), 0, px(2.5f));
  ImGui::Dummy(ImVec2(radius * 2, ImGui::GetTextLineHeight() + baseline));
}

void step_strip(int current) {
  static constexpr T kNames[10] = {T::step1, T::step2, T::step3, T::step4, T::step5,
                                   T::step6, T::step7, T::step8, T::step9, T::step10};
  const Palette& p = g_palette;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float width = ImGui::GetContentRegionAvail().x;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float r = px(11);
  const float slot = width / 10.0f;
  const float cy = origin.y + r + px(2);
  float widest = 0;
  for (T name : kNames) widest = std::max(widest, ImGui::CalcTextSize(tr(name)).x);
  const bool all_fit = widest + px(6) <= slot;
  for (int i = 0; i < 10; ++i) {
    const int step = i + 1;
    const float cx = origin.x + slot * (static_cast<float>(i) + 0.5f);
    if (i < 9)
      dl->AddLine(ImVec2(cx + r + px(3), cy), ImVec2(cx + slot - r - px(3), cy),
                  color(step < current ? p.success : ImVec4(0.80f, 0.83f, 0.87f, 1.0f)), px(2));
    const ImVec4 fill = step < current    ? p.success
                        : step == current ? p.accent
                                          : ImVec4(0.88f, 0.90f, 0.93f, 1.0f);
    dl->AddCircleFilled(ImVec2(cx, cy), r, color(fill), 24);
    const std::string number = std::to_string(step);
    const ImVec2 ns = ImGui::CalcTextSize(number.c_str());
    dl->AddText(ImVec2(cx - ns.x / 2, cy - ns.y / 2),
                color(step <= current ? ImVec4(1, 1, 1, 1) : p.muted), number.c_str());
    // Every label under its circle when they all fit; in a narrow window only the current
    // one, kept inside the strip, so labels never run into each other.
    if (!all_fit && step != current) continue;
    const char* name = tr(kNames[i]);
    const ImVec2 ts = ImGui::CalcTextSize(name);
    const float x = std::clamp(cx - ts.x / 2, origin.x, origin.x + width - ts.x);
    dl->AddText(ImVec2(x, cy + r + px(4)), color(step == current ? p.accent_active : p.muted),
                name);
  }
  ImGui::Dummy(ImVec2(width, 2 * r + px(8) + ImGui::GetTextLineHeight()));
  widget_map().value("step", std::to_string(current));
  widget_map().value("step.labels", all_fit ? "all" : "current");
}

void wipe_text_input_state() {
  ImGuiContext& g = *GImGui;
  ImGuiInputTextState& s = g.InputTextState;
  if (g.ActiveId != 0 && g.ActiveId == s.ID) ImGui::ClearActiveID();
  if (s.TextW.Data)
    OPENSSL_cleanse(s.TextW.Data, static_cast<std::size_t>(s.TextW.Capacity) * sizeof(ImWchar));
  if (s.TextA.Data) OPENSSL_cleanse(s.TextA.Data, static_cast<std::size_t>(s.TextA.Capacity));
  if (s.InitialTextA.Data)
    OPENSSL_cleanse(s.InitialTextA.Data, static_cast<std::size_t>(s.InitialTextA.Capacity));
  OPENSSL_cleanse(&s.Stb, sizeof(s.Stb));  // the undo buffer holds typed characters too
  s.CurLenA = 0;
  s.CurLenW = 0;
  s.ID = 0;
}

// Only for the window that has the focus: an error dialog on top of another dialog takes the
// Enter meant for it.
bool enter_pressed() {
  if (!ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows)) return false;
  return ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
         ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false);
}

bool escape_pressed() {
  return ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) &&
         ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
}

bool closing_button(const char* key, const char* text, ButtonLook look) {
  align_right(button_width(text));
  const bool pressed = look == ButtonLook::primary ? primary_button(key, text) : button(key, text);
  return pressed || escape_pressed() || enter_pressed();
}

bool begin_modal(const char* key, const char* title, float width_px, bool* open) {
  const std::string id = std::string("###") + key;
  const bool want = open == nullptr || *open;
  if (want && !ImGui::IsPopupOpen(id.c_str())) ImGui::OpenPopup(id.c_str());
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(
      ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f),
      ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSizeConstraints(ImVec2(std::min(width_px, vp->WorkSize.x - px(20)), 0),
                                      ImVec2(vp->WorkSize.x - px(20), vp->WorkSize.y - px(20)));
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));  // title on the blue bar
  const bool visible =
      ImGui::BeginPopupModal((std::string(title) + id).c_str(), nullptr,
                             ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings);
  ImGui::PopStyleColor();
  if (!visible) return false;
  if (!want) {
    ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return false;
  }
  widget_map().set_dialog(key);
  return true;
}

void end_modal() {
  ImGui::EndPopup();
}

void close_modal(bool& open) {
  open = false;
  ImGui::CloseCurrentPopup();
}

float button_width(const char* text) {
  return ImGui::CalcTextSize(text).x + ImGui::GetStyle().FramePadding.x * 2;
}

void busy_spinner(bool busy) {
  if (!busy) return;
  spinner();
  ImGui::SameLine();
}

bool begin_grid_table(const char* id, int columns) {
  return ImGui::BeginTable(
      id, columns,
      ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerV);
}

void align_right(float width) {
  const float right = ImGui::GetWindowContentRegionMax().x;
  ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), right - width));
}

}  // namespace certrenew::gui::ui
