#include "forms/utf8.hpp"

#include <openssl/asn1.h>

#include <array>

namespace certrenew::forms::detail {

std::optional<std::u32string> decode_utf8(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t at = 0;
  while (at < text.size()) {
    unsigned long value = 0;
    const std::size_t rest = text.size() - at;
    const int len = UTF8_getc(bytes + at, rest > 8 ? 8 : static_cast<int>(rest), &value);
    if (len <= 0 || len > 4 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
      return std::nullopt;
    }
    out.push_back(static_cast<char32_t>(value));
    at += static_cast<std::size_t>(len);
  }
  return out;
}

std::string encode_utf8(std::u32string_view code_points) {
  std::string out;
  for (char32_t c : code_points) {
    std::array<unsigned char, 6> buffer{};
    const int len = UTF8_putc(buffer.data(), static_cast<int>(buffer.size()), c);
    if (len > 0)
      out.append(reinterpret_cast<const char*>(buffer.data()), static_cast<std::size_t>(len));
  }
  return out;
}

std::string_view trim(std::string_view text) {
  constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
  const auto is_ascii_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
  };
  for (;;) {
    if (!text.empty() && is_ascii_space(text.front())) {
      text.remove_prefix(1);
    } else if (text.starts_with(kIdeographicSpace)) {
      text.remove_prefix(kIdeographicSpace.size());
    } else if (!text.empty() && is_ascii_space(text.back())) {
      text.remove_suffix(1);
    } else if (text.ends_with(kIdeographicSpace)) {
      text.remove_suffix(kIdeographicSpace.size());
    } else {
      return text;
    }
  }
}

bool is_ascii_digit(char32_t c) {
  return c >= U'0' && c <= U'9';
}

bool is_ascii_alpha(char32_t c) {
  return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
}

bool is_control_or_format(char32_t c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x200B && c <= 0x200F) ||
         (c >= 0x2028 && c <= 0x202E) || (c >= 0x2060 && c <= 0x2064) || c == 0xFEFF;
}

}  // namespace certrenew::forms::detail
