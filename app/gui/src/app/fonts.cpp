#include "app/fonts.hpp"

#include <imgui_impl_opengl3.h>

#include <chrono>
#include <fstream>
#include <iterator>

namespace certrenew::gui {
namespace {

std::vector<char> read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return {};
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

Fonts::Fonts(std::optional<FontChoice> choice, float scale, GlyphSet body, GlyphSet heading)
    : choice_(std::move(choice)),
      scale_(scale),
      body_glyphs_(std::move(body)),
      heading_glyphs_(std::move(heading)) {
  if (choice_) data_ = read_file(choice_->file);
  if (data_.empty()) choice_.reset();
  build();
}

void Fonts::require(std::string_view utf8) {
  if (has_cjk() && body_glyphs_.add_text(utf8)) dirty_ = true;
}

void Fonts::require(std::uint32_t codepoint) {
  if (has_cjk() && body_glyphs_.add(codepoint)) dirty_ = true;
}

void Fonts::build() {
  const auto start = std::chrono::steady_clock::now();
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  atlas->Clear();
  // One wide texture without power-of-two padding: a few thousand CJK glyphs fit in a strip
  // instead of a mostly empty 4096×4096 square.
  atlas->TexDesiredWidth = 4096;
  atlas->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
  if (!has_cjk()) {
    ImFontConfig config;
    config.SizePixels = 13.0f * scale_;
    body_ = atlas->AddFontDefault(&config);
    heading_ = body_;
  } else {
    body_ranges_ = body_glyphs_.ranges();
    heading_ranges_ = heading_glyphs_.ranges();
    auto add = [&](float pixels, const ImVector<ImWchar>& ranges) {
      ImFontConfig config;
      config.FontData = data_.data();
      config.FontDataSize = static_cast<int>(data_.size());
      config.FontDataOwnedByAtlas = false;
      config.FontNo = choice_->index;
      config.SizePixels = pixels * scale_;
      // Oversampling triples the atlas for CJK with no visible gain at these sizes.
      config.OversampleH = 1;
      config.OversampleV = 1;
      config.PixelSnapH = true;
      config.GlyphRanges = ranges.Data;
      return atlas->AddFont(&config);
    };
    body_ = add(kBodyPixels, body_ranges_);
    heading_ = add(kHeadingPixels, heading_ranges_);
  }
  atlas->Build();
  stats_.glyphs = static_cast<std::size_t>(body_->Glyphs.Size);
  stats_.atlas_width = atlas->TexWidth;
  stats_.atlas_height = atlas->TexHeight;
  ++stats_.builds;
  stats_.last_build_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  dirty_ = false;
}

void Fonts::upload() {
  if (uploaded_) ImGui_ImplOpenGL3_DestroyFontsTexture();
  // CreateDeviceObjects makes the shaders and the font texture the first time; afterwards only
  // the texture is replaced.
  if (!uploaded_)
    ImGui_ImplOpenGL3_CreateDeviceObjects();
  else
    ImGui_ImplOpenGL3_CreateFontsTexture();
  uploaded_ = true;
  ImGui::GetIO().Fonts->ClearTexData();  // the GPU has it; keep RSS down
}

bool Fonts::rebuild_if_needed() {
  if (!dirty_) return false;
  build();
  upload();
  return true;
}

}  // namespace certrenew::gui
