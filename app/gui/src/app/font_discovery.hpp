#pragma once
// Finding a font on this system that can show Chinese: WenQuanYi Micro Hei or Noto Sans CJK SC
// (or what fontconfig offers for zh-cn), then a list of well-known paths on Linux, Windows and
// macOS. CERTRENEW_FONT=<file>[#index] overrides the search; CERTRENEW_FONT=none pretends no
// font exists (to check the "no CJK font" message).

#include <filesystem>
#include <optional>
#include <string>

namespace certrenew::gui {

struct FontChoice {
  std::filesystem::path file;
  int index = 0;       // face inside a .ttc collection
  std::string family;  // for the about box
};

std::optional<FontChoice> find_cjk_font();

}  // namespace certrenew::gui
