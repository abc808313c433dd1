#include <array>

#include "certrenew/client/catalogues.hpp"

namespace certrenew::client {

std::span<const Catalogue* const> client_catalogues() {
  static const auto all = std::to_array<const Catalogue*>(
      {&catalogues::time_units(), &catalogues::flow_words(), &catalogues::flow_errors(),
       &catalogues::config_problems(), &catalogues::diagnostics_report(),
       &catalogues::diagnostics_service(), &catalogues::diagnostics_tokens()});
  return all;
}

}  // namespace certrenew::client
