#include <array>

#include "certrenew/core/text/catalogues.hpp"

namespace certrenew {

std::span<const Catalogue* const> core_catalogues() {
  static const std::array<const Catalogue*, 1> all = {&catalogues::form_reasons()};
  return all;
}

}  // namespace certrenew
