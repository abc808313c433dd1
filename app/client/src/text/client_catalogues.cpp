#include <array>

#include "certrenew/client/catalogues.hpp"

namespace certrenew::client {

std::span<const Catalogue* const> client_catalogues() {
  static const std::array<const Catalogue*, 3> all = {
      &catalogues::time_units(), &catalogues::flow_words(), &catalogues::flow_errors()};
  return all;
}

}  // namespace certrenew::client
