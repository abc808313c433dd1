#include "app/glyph_set.hpp"

#include <imgui_internal.h>  // ImTextCharFromUtf8

namespace certrenew::gui {
namespace {
constexpr std::uint32_t kPlaneSize = 0x10000;
}

GlyphSet::GlyphSet() : present_(kPlaneSize, false) {}

bool GlyphSet::add(std::uint32_t cp) {
  if (cp >= kPlaneSize) {
    ++unsupported_;
    return false;
  }
  if (cp < 0x20 || present_[cp]) return false;
  present_[cp] = true;
  ++count_;
  return true;
}

void GlyphSet::add_range(std::uint32_t first, std::uint32_t last) {
  for (std::uint32_t cp = first; cp <= last; ++cp) add(cp);
}

bool GlyphSet::add_text(std::string_view utf8) {
  bool added = false;
  const char* p = utf8.data();
  const char* end = p + utf8.size();
  while (p < end) {
    unsigned int cp = 0;
    const int used = ImTextCharFromUtf8(&cp, p, end);
    if (used <= 0) break;
    p += used;
    // ImTextCharFromUtf8 maps bad sequences and (with 16-bit ImWchar) astral characters to
    // U+FFFD; count the latter as unsupported rather than asking for the replacement glyph.
    if (cp == 0xFFFD && used == 4) {
      ++unsupported_;
      continue;
    }
    added = add(cp) || added;
  }
  return added;
}

bool GlyphSet::contains(std::uint32_t cp) const {
  return cp < kPlaneSize && present_[cp];
}

ImVector<ImWchar> GlyphSet::ranges() const {
  ImVector<ImWchar> out;
  std::uint32_t cp = 0;
  while (cp < kPlaneSize) {
    if (!present_[cp]) {
      ++cp;
      continue;
    }
    const std::uint32_t first = cp;
    while (cp + 1 < kPlaneSize && present_[cp + 1]) ++cp;
    out.push_back(static_cast<ImWchar>(first));
    out.push_back(static_cast<ImWchar>(cp));
    ++cp;
  }
  out.push_back(0);
  return out;
}

}  // namespace certrenew::gui
