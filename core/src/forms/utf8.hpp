#pragma once
// UTF-8 helpers for the validators: decoding is OpenSSL's (UTF8_getc/UTF8_putc); this adds the
// rules it does not enforce (no surrogates, nothing above U+10FFFF) and trimming.

#include <optional>
#include <string>
#include <string_view>

namespace certrenew::forms::detail {

// The code points of valid UTF-8, or nullopt (overlong forms, surrogates, > U+10FFFF, truncation).
std::optional<std::u32string> decode_utf8(std::string_view text);
std::string encode_utf8(std::u32string_view code_points);

// Without ASCII white space and U+3000 (ideographic space, typed by Chinese IMEs) at either end.
std::string_view trim(std::string_view text);

bool is_ascii_digit(char32_t c);
bool is_ascii_alpha(char32_t c);
// C0/C1 controls, DEL, and invisible format characters (zero-width, bidi marks, BOM, line/para
// separators) that would hide what a field really says.
bool is_control_or_format(char32_t c);

}  // namespace certrenew::forms::detail
