#pragma once
// The font atlas: a CJK font found on the system at the size the monitor's scale asks for, with
// exactly the characters the app may show (GlyphSet), rebuilt between frames when new text needs
// characters it lacks. Headings use a larger face with the translations' characters only.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

#include "app/font_discovery.hpp"
#include "app/glyph_set.hpp"

namespace certrenew::gui {

struct FontStats {
  std::size_t glyphs = 0;
  int atlas_width = 0;
  int atlas_height = 0;
  int builds = 0;
  double last_build_ms = 0.0;
};

class Fonts {
 public:
  static constexpr float kBodyPixels = 17.0f;
  static constexpr float kHeadingPixels = 23.0f;

  // Reads the font file (nullopt or unreadable: ImGui's built-in Latin font and has_cjk() false).
  // `body` and `heading` are the initial glyph sets. Builds the atlas on the CPU; upload() makes
  // the texture once the renderer exists.
  Fonts(std::optional<FontChoice> choice, float scale, GlyphSet body, GlyphSet heading);

  bool has_cjk() const { return !data_.empty(); }
  const std::optional<FontChoice>& choice() const { return choice_; }
  ImFont* body() const { return body_; }
  ImFont* heading() const { return heading_; }
  const FontStats& stats() const { return stats_; }

  // Any thread that owns the UI (not thread-safe): these characters must be drawable from the
  // next frame on.
  void require(std::string_view utf8);
  void require(std::uint32_t codepoint);
  bool rebuild_pending() const { return dirty_; }
  // Between frames (after Render, before NewFrame): rebuilds and re-uploads when needed.
  bool rebuild_if_needed();
  // Creates the renderer's texture from the current atlas and frees the CPU copy.
  void upload();

 private:
  void build();

  std::optional<FontChoice> choice_;
  float scale_;
  std::vector<char> data_;  // the font file, owned here so rebuilds do not read it again
  GlyphSet body_glyphs_;
  GlyphSet heading_glyphs_;
  ImVector<ImWchar> body_ranges_;  // alive while the atlas may read them
  ImVector<ImWchar> heading_ranges_;
  ImFont* body_ = nullptr;
  ImFont* heading_ = nullptr;
  bool dirty_ = false;
  bool uploaded_ = false;
  FontStats stats_;
};

}  // namespace certrenew::gui
