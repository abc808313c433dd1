#pragma once
// One hex digit, for the decoders of hex text (bytes.hpp's from_hex, URL escapes).

namespace certrenew {

// The value of one hex digit (either case); -1 for any other character.
int hex_digit_value(char c);

}  // namespace certrenew
