#include <array>

#include "certrenew/core/text/catalogues.hpp"

namespace certrenew {

std::span<const Catalogue* const> core_catalogues() {
  static const auto all = std::to_array<const Catalogue*>(
      {&catalogues::form_reasons(), &catalogues::application_states()});
  return all;
}

}  // namespace certrenew
