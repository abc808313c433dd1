#pragma once
// The 3755 level-1 characters of GB 2312 (一级汉字, "常用字"), generated at run time by decoding
// GB 2312 rows 16–55 with the system's character conversion — so no list is copied into the
// source. Together with the translations, the certificates and what the user types, they make
// the font atlas's glyph set (Dear ImGui's own "common" range misses many of them).

#include <cstdint>
#include <vector>

namespace certrenew::gui {

// Unicode code points; empty if the platform cannot convert GB 2312 (then only the other sources
// feed the atlas, which still works, with more rebuilds).
std::vector<std::uint32_t> gb2312_level1_hanzi();

}  // namespace certrenew::gui
