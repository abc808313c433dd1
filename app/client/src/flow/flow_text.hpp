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

}  // namespace certrenew::client
