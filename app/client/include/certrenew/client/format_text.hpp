#pragma once
// A catalogue text with its fmt placeholders filled, in both languages from the same arguments
// (a language may leave an argument out: fmt ignores unused ones).

#include <fmt/format.h>

#include <tuple>

#include "certrenew/core/text/catalogue.hpp"

namespace certrenew::client {

template <class... Args>
Text format_text(const CatalogueEntry& entry, const Args&... args) {
  return {fmt::format(fmt::runtime(entry.zh), args...),
          fmt::format(fmt::runtime(entry.en), args...)};
}

// A catalogue text whose arguments are words that differ by language (a state, an action):
// words(language) gives them as a tuple, and each language's text is filled with its own words.
template <class Words>
Text format_text_in_words(const CatalogueEntry& entry, const Words& words) {
  auto in = [&](Language language) {
    return std::apply(
        [&](const auto&... args) { return fmt::format(fmt::runtime(entry.in(language)), args...); },
        words(language));
  };
  return {in(Language::zh_CN), in(Language::en)};
}

}  // namespace certrenew::client
