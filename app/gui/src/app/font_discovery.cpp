#include "app/font_discovery.hpp"

#include <array>
#include <cstdlib>
#include <string_view>
#include <system_error>

#if CERTRENEW_HAVE_FONTCONFIG
#include <fontconfig/fontconfig.h>
#endif

namespace certrenew::gui {
namespace {

// 胡 and 证: a face must have both to count as a Chinese font (fontconfig falls back to any
// font when nothing matches, so the match itself proves nothing).
constexpr std::array<unsigned, 2> kProbe{0x80E1, 0x8BC1};

bool file_exists(const std::filesystem::path& p) {
  std::error_code ec;
  return std::filesystem::is_regular_file(p, ec);
}

#if CERTRENEW_HAVE_FONTCONFIG
std::optional<FontChoice> from_fontconfig() {
  if (!FcInit()) return std::nullopt;
  std::optional<FontChoice> found;
  for (const char* family :
       {"WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", ""}) {
    FcPattern* pattern =
        family[0] ? FcNameParse(reinterpret_cast<const FcChar8*>(family)) : FcPatternCreate();
    if (!pattern) continue;
    FcLangSet* langs = FcLangSetCreate();
    FcLangSetAdd(langs, reinterpret_cast<const FcChar8*>("zh-cn"));
    FcPatternAddLangSet(pattern, FC_LANG, langs);
    FcLangSetDestroy(langs);
    FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
    FcDefaultSubstitute(pattern);
    FcResult result = FcResultNoMatch;
    FcPattern* match = FcFontMatch(nullptr, pattern, &result);
    FcPatternDestroy(pattern);
    if (!match) continue;
    FcChar8* file = nullptr;
    FcCharSet* charset = nullptr;
    int index = 0;
    FcChar8* name = nullptr;
    bool usable = FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch &&
                  FcPatternGetCharSet(match, FC_CHARSET, 0, &charset) == FcResultMatch;
    for (unsigned cp : kProbe) usable = usable && FcCharSetHasChar(charset, cp);
    if (usable) {
      FcPatternGetInteger(match, FC_INDEX, 0, &index);
      FcPatternGetString(match, FC_FAMILY, 0, &name);
      found = FontChoice{reinterpret_cast<const char*>(file), index,
                         name ? reinterpret_cast<const char*>(name) : ""};
    }
    FcPatternDestroy(match);
    if (found && file_exists(found->file)) break;
    found.reset();
  }
  FcFini();  // everything fontconfig gave us is released: free its caches too
  return found;
}
#endif

std::optional<FontChoice> from_known_paths() {
  struct Known {
    const char* path;
    int index;
    const char* family;
  };
  // Noto Sans CJK collections hold JP, KR, SC, TC, HK in that order: SC is face 2.
  static constexpr std::array<Known, 9> kKnown{{
      {"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0, "WenQuanYi Micro Hei"},
      {"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2, "Noto Sans CJK SC"},
      {"/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2, "Noto Sans CJK SC"},
      {"/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc", 2, "Noto Sans CJK SC"},
      {"/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0, "WenQuanYi Zen Hei"},
      {"C:/Windows/Fonts/msyh.ttc", 0, "Microsoft YaHei"},
      {"C:/Windows/Fonts/simhei.ttf", 0, "SimHei"},
      {"/System/Library/Fonts/PingFang.ttc", 0, "PingFang SC"},
      {"/System/Library/Fonts/STHeiti Light.ttc", 0, "Heiti SC"},
  }};
  for (const Known& k : kKnown)
    if (file_exists(k.path)) return FontChoice{k.path, k.index, k.family};
  return std::nullopt;
}

}  // namespace

std::optional<FontChoice> find_cjk_font() {
  if (const char* forced = std::getenv("CERTRENEW_FONT"); forced && *forced) {
    std::string_view text(forced);
    if (text == "none") return std::nullopt;
    FontChoice choice;
    const auto hash = text.rfind('#');
    choice.file = std::string(text.substr(0, hash));
    if (hash != std::string_view::npos) choice.index = std::atoi(forced + hash + 1);
    choice.family = choice.file.stem().string();
    if (file_exists(choice.file)) return choice;
    return std::nullopt;
  }
#if CERTRENEW_HAVE_FONTCONFIG
  if (auto found = from_fontconfig()) return found;
#endif
  return from_known_paths();
}

}  // namespace certrenew::gui
