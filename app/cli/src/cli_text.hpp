#pragma once
// certrenew-cli's message catalogue (app/cli/src/catalogues/) and the way to say one of its texts.

#include <string>
#include <string_view>

#include "certrenew/client/format_text.hpp"
#include "certrenew/core/text/catalogue.hpp"

namespace certrenew::cli {

const Catalogue& cli_messages();

// The text with id, its {} filled with args.
template <class... Args>
Text cli_text(std::string_view id, const Args&... args) {
  return client::format_text(cli_messages().at(id), args...);
}

// A command's or option's help, in both languages at once: "English (中文)".
inline std::string cli_help(std::string_view id) {
  const Text text = cli_text(id);
  return text.en + " (" + text.zh + ")";
}

}  // namespace certrenew::cli
