#pragma once

// Text encodings used in the token files: base64 (done by OpenSSL) and lower-case hex ids.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace certrenew::softtoken {

std::string base64_encode(std::span<const std::uint8_t> bytes);
// nullopt when `text` is not canonical padded base64.
std::optional<std::vector<std::uint8_t>> base64_decode(std::string_view text);

std::string hex_encode(std::span<const std::uint8_t> bytes);  // lower case
// nullopt unless `text` is an even number of hex digits (either case).
std::optional<std::vector<std::uint8_t>> hex_decode(std::string_view text);

// The name a key type (CRT_KEY_*) has in key files and in the tool's listing: rsa, ec-p256, sm2.
const char* key_type_name(std::uint32_t type);

}  // namespace certrenew::softtoken
