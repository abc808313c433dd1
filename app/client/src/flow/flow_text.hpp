#pragma once
// A FlowError message from the client_flow_errors catalogue, its {} filled with args.

#include <string_view>

#include "certrenew/client/catalogues.hpp"
#include "certrenew/client/format_text.hpp"

namespace certrenew::client {

template <class... Args>
Text flow_error(std::string_view id, const Args&... args) {
  return format_text(catalogues::flow_errors().at(id), args...);
}

// A FlowError message whose arguments are words that differ by language (an action, a step):
// words(language) gives them as a tuple, each message is filled with its own language's words.
template <class Words>
Text flow_error_in_words(std::string_view id, const Words& words) {
  return format_text_in_words(catalogues::flow_errors().at(id), words);
}

}  // namespace certrenew::client
