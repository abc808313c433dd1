#pragma once
// Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP, HMAC-SHA1, 30-second steps,
// 6 digits): what authenticator apps compute from the secret in an otpauth:// URI.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace certrenew::server::console {

std::string base32_encode(const std::vector<std::uint8_t>& bytes);  // RFC 4648, no padding
std::optional<std::vector<std::uint8_t>> base32_decode(std::string_view text);

// The HOTP value of `counter` with `digits` digits (RFC 4226 section 5.3).
std::string hotp(const std::vector<std::uint8_t>& key, std::uint64_t counter, int digits);

// A new random secret (20 bytes), base32.
std::string new_totp_secret();
std::string totp_uri(std::string_view issuer, std::string_view account, std::string_view secret);

// The time step whose code `code` is, within one step either side of `unix_time` (clocks
// drift); nullopt when it matches none or is not 6 digits. Callers refuse a step at or before the
// last one accepted, so a code works once.
std::optional<std::int64_t> match_totp(std::string_view secret_base32, std::string_view code,
                                       std::int64_t unix_time);

}  // namespace certrenew::server::console
