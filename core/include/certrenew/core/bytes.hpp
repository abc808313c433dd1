#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace certrenew {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

inline ByteView as_bytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

// Lower-case hex, for ids and fingerprints shown to people and written to files.
std::string to_hex(ByteView bytes);
// Parses hex (either case, no separators); throws std::invalid_argument on bad input.
Bytes from_hex(std::string_view hex);

// Standard base64 with padding (RFC 4648 section 4), through OpenSSL.
std::string to_base64(ByteView bytes);
// Parses standard base64 with padding; whitespace is not allowed. Throws std::invalid_argument.
Bytes from_base64(std::string_view text);

}  // namespace certrenew
