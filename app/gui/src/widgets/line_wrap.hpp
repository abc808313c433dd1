#pragma once
// Line breaking for mixed Chinese and Latin text. Dear ImGui 1.86 breaks lines only at spaces,
// so a Chinese paragraph after "2. " breaks after the number and then runs past the edge. Here a
// line may break at a space or between two characters when one of them is CJK, but never before
// closing punctuation (，。、）…) nor after opening punctuation (（“《…).

#include <string>
#include <string_view>

#include <imgui.h>

namespace certrenew::gui::ui {

// `text` with '\n' inserted so that no line is wider than `width` in `font` at `size` pixels.
// Existing newlines are kept.
std::string wrap_text(std::string_view text, float width, const ImFont* font, float size);

}  // namespace certrenew::gui::ui
