#pragma once
// A catalogue text with its fmt placeholders filled, in both languages from the same arguments
// (a language may leave an argument out: fmt ignores unused ones).

#include <fmt/format.h>

#include "certrenew/core/text/catalogue.hpp"

namespace certrenew::client {

template <class... Args>
Text format_text(const CatalogueEntry& entry, const Args&... args) {
  return {fmt::format(fmt::runtime(entry.zh), args...),
          fmt::format(fmt::runtime(entry.en), args...)};
}

}  // namespace certrenew::client
