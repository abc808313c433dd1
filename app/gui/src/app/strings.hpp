#pragma once
// The app's texts in zh-CN and en, from the one table in strings.inc. tr() follows the language
// chosen in the UI; tr_in() gives a text in a given language (for the glyph set and tests).

#include <cstddef>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "certrenew/client/store/client_config.hpp"

namespace certrenew::gui {

using client::Language;

enum class T : int {
#define S(id, zh, en) id,
#include "app/strings.inc"
#undef S
};

inline constexpr std::size_t kStringCount = 0
#define S(id, zh, en) +1
#include "app/strings.inc"
#undef S
    ;

void set_language(Language language);
Language language();

const char* tr(T id);
const char* tr_in(T id, Language language);
std::string_view string_id(T id);  // "home_title"

// tr() with its "{}" placeholders filled in.
template <typename... Args>
std::string trf(T id, Args&&... args) {
  return fmt::format(fmt::runtime(tr(id)), std::forward<Args>(args)...);
}

}  // namespace certrenew::gui
