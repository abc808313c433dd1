#pragma once
// Is there Chinese in a UTF-8 string? (CJK ideographs, CJK punctuation, full-width forms.)

#include <string_view>

namespace certrenew::test {

bool has_chinese(std::string_view utf8);

}  // namespace certrenew::test
