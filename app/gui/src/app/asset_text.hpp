#pragma once
// Texts from assets/ compiled in (generated source, see app/gui/CMakeLists.txt).

#include <string_view>

namespace certrenew::gui {

std::string_view agreement_zh_asset();

}  // namespace certrenew::gui
