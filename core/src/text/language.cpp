#include "certrenew/core/text/language.hpp"

namespace certrenew {

std::string_view tag(Language language) {
  return language == Language::en ? "en" : "zh-CN";
}

std::optional<Language> parse_language(std::string_view tag) {
  for (Language language : kLanguages) {
    if (certrenew::tag(language) == tag) return language;
  }
  return std::nullopt;
}

}  // namespace certrenew
