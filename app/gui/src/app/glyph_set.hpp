#pragma once
// The characters the font atlas must hold. Dear ImGui 1.86 renders a character missing from the
// atlas as '?', so every text that can appear (translations, agreement, certificate names,
// service answers, typed input) is added here and the atlas is rebuilt when something new came.

#include <cstdint>
#include <string_view>
#include <vector>

#include <imgui.h>

namespace certrenew::gui {

class GlyphSet {
 public:
  GlyphSet();

  // Returns true when at least one character was new.
  bool add_text(std::string_view utf8);
  bool add(std::uint32_t codepoint);
  void add_range(std::uint32_t first, std::uint32_t last);

  bool contains(std::uint32_t codepoint) const;
  std::size_t size() const { return count_; }
  // Characters beyond the Basic Multilingual Plane that were asked for: ImGui 1.86 is built with
  // 16-bit ImWchar here and cannot draw them.
  std::size_t unsupported() const { return unsupported_; }

  // Zero-terminated [first, last] pairs for ImFontAtlas::AddFont*.
  ImVector<ImWchar> ranges() const;

 private:
  std::vector<bool> present_;  // indexed by code point, BMP only
  std::size_t count_ = 0;
  std::size_t unsupported_ = 0;
};

}  // namespace certrenew::gui
