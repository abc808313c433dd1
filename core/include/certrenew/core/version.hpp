#pragma once

#include <string_view>

namespace certrenew {

// The product version, as set in the top-level CMakeLists.txt.
std::string_view version();

}  // namespace certrenew
