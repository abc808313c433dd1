#include "widgets/line_wrap.hpp"

#include <imgui_internal.h>  // ImTextCharFromUtf8

#include <algorithm>
#include <vector>

namespace certrenew::gui::ui {
namespace {

bool is_cjk(unsigned c) {
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x3000 && c <= 0x303F);
}

// Characters a line must not start with.
bool is_closing(unsigned c) {
  static constexpr unsigned kClosing[] = {0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF01,
                                          0xFF1F, 0xFF09, 0x300B, 0x300D, 0x300F, 0x3011,
                                          0x201D, 0x2019, 0xFF05, 0x2026, ',',    '.',
                                          ';',    ':',    '!',    '?',    ')',    ']'};
  return std::find(std::begin(kClosing), std::end(kClosing), c) != std::end(kClosing);
}

// Characters a line must not end with.
bool is_opening(unsigned c) {
  static constexpr unsigned kOpening[] = {0xFF08, 0x300A, 0x300C, 0x300E, 0x3010,
                                          0x201C, 0x2018, '(',    '['};
  return std::find(std::begin(kOpening), std::end(kOpening), c) != std::end(kOpening);
}

// Quotations of up to this many characters are not broken.
constexpr int kShortQuote = 8;

}  // namespace

std::string wrap_text(std::string_view text, float width, const ImFont* font, float size) {
  if (!font || width <= 0) return std::string(text);
  const float scale = size / font->FontSize;
  std::string out;
  out.reserve(text.size() + 16);
  std::size_t line_start = 0;  // index in `out` where the current line begins
  std::size_t break_at = 0;    // index in `out` of the last break opportunity (0: none)
  float line_width = 0.0f;
  float width_at_break = 0.0f;
  unsigned prev = 0;
  const char* quote_end = nullptr;  // end of a short quotation being copied
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    unsigned c = 0;
    const int used = ImTextCharFromUtf8(&c, p, end);
    if (used <= 0) break;
    if (c == '\n') {
      out.append(p, static_cast<std::size_t>(used));
      p += used;
      line_start = out.size();
      break_at = 0;
      line_width = 0.0f;
      prev = 0;
      continue;
    }
    // A short quotation (the name of a button: “确定”) is kept on one line.
    if (c == 0x201C && p + used < end) {
      const char* q = p + used;
      for (int n = 0; q < end && n <= kShortQuote; ++n) {
        unsigned d = 0;
        const int step = ImTextCharFromUtf8(&d, q, end);
        if (step <= 0) break;
        q += step;
        if (d == 0x201D) {
          quote_end = q;
          break;
        }
      }
    }
    const float advance = font->GetCharAdvance(static_cast<ImWchar>(c)) * scale;
    const bool in_quote = quote_end != nullptr && p < quote_end && c != 0x201C;
    const bool can_break_before = out.size() > line_start && !is_closing(c) && !is_opening(prev) &&
                                  !in_quote && (prev == ' ' || is_cjk(c) || is_cjk(prev));
    if (can_break_before) {
      break_at = out.size();
      width_at_break = line_width;
    }
    if (line_width + advance > width && out.size() > line_start) {
      if (break_at > line_start) {
        out.insert(break_at, 1, '\n');
        line_start = break_at + 1;
        line_width -= width_at_break;
      } else {  // one unbreakable run wider than the line: cut it here
        out.push_back('\n');
        line_start = out.size();
        line_width = 0.0f;
      }
      break_at = 0;
    }
    out.append(p, static_cast<std::size_t>(used));
    line_width += advance;
    p += used;
    prev = c;
  }
  return out;
}

}  // namespace certrenew::gui::ui
