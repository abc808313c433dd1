#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace certrenew::server {

std::string sha256_hex(std::string_view data);
std::string sha256_hex(std::span<const std::uint8_t> data);
// HMAC-SHA256 of `data` under `key`, as unpadded base64url (safe in URLs and headers).
std::string hmac_sha256_b64url(std::span<const std::uint8_t> key, std::string_view data);
// Constant-time comparison, for secrets presented by callers.
bool equal_secret(std::string_view a, std::string_view b);
// `n` bytes from the OpenSSL CSPRNG; throws on failure.
std::vector<std::uint8_t> random_bytes(std::size_t n);

}  // namespace certrenew::server
