#include "cjk.hpp"

namespace certrenew::test {

namespace {

bool chinese_code_point(char32_t c) {
  return (c >= 0x2E80 && c <= 0x2FDF) ||  // radicals
         (c >= 0x3000 && c <= 0x303F) ||  // CJK punctuation (、。「」)
         (c >= 0x3400 && c <= 0x9FFF) ||  // ideographs
         (c >= 0xF900 && c <= 0xFAFF) ||  // compatibility ideographs
         (c >= 0xFF00 && c <= 0xFFEF);    // full-width forms (，：（）)
}

}  // namespace

bool has_chinese(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      ++i;
    } else if ((b & 0xF0) == 0xE0 && i + 2 < s.size()) {  // every range above is 3 bytes
      const char32_t c = (char32_t(b & 0x0F) << 12) |
                         (char32_t(static_cast<unsigned char>(s[i + 1]) & 0x3F) << 6) |
                         char32_t(static_cast<unsigned char>(s[i + 2]) & 0x3F);
      if (chinese_code_point(c)) return true;
      i += 3;
    } else {
      ++i;
    }
  }
  return false;
}

}  // namespace certrenew::test
