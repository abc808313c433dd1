#include "codec.hpp"

#include <certrenew/token_driver.h>

#include <openssl/evp.h>

#include <limits>

namespace certrenew::softtoken {

std::string base64_encode(std::span<const std::uint8_t> bytes) {
  if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max() / 2)) return {};
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');  // +1: EVP_EncodeBlock adds a NUL
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes.data(),
                                      static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

std::optional<std::vector<std::uint8_t>> base64_decode(std::string_view text) {
  // EVP_DecodeBlock accepts surrounding blanks and returns the padding as zero bytes; insist on
  // the exact form EVP_EncodeBlock writes and strip the padding ourselves.
  if (text.size() % 4 != 0 ||
      text.size() > static_cast<std::size_t>(std::numeric_limits<int>::max() / 2))
    return std::nullopt;
  if (text.empty()) return std::vector<std::uint8_t>{};
  std::size_t padding = 0;
  if (text.back() == '=') ++padding;
  if (text.size() >= 2 && text[text.size() - 2] == '=') ++padding;
  if (text.find('=') < text.size() - padding) return std::nullopt;
  std::vector<std::uint8_t> out(3 * text.size() / 4);
  const int decoded =
      EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()),
                      static_cast<int>(text.size()));
  if (decoded < 0 || static_cast<std::size_t>(decoded) != out.size()) return std::nullopt;
  out.resize(out.size() - padding);
  return out;
}

std::string hex_encode(std::span<const std::uint8_t> bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * bytes.size());
  for (const std::uint8_t b : bytes) {
    out.push_back(digits[b >> 4]);
    out.push_back(digits[b & 0x0f]);
  }
  return out;
}

namespace {
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::optional<std::vector<std::uint8_t>> hex_decode(std::string_view text) {
  if (text.size() % 2 != 0) return std::nullopt;
  std::vector<std::uint8_t> out;
  out.reserve(text.size() / 2);
  for (std::size_t i = 0; i < text.size(); i += 2) {
    const int high = hex_value(text[i]);
    const int low = hex_value(text[i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    out.push_back(static_cast<std::uint8_t>(high * 16 + low));
  }
  return out;
}

const char* key_type_name(std::uint32_t type) {
  switch (type) {
    case CRT_KEY_RSA:
      return "rsa";
    case CRT_KEY_EC_P256:
      return "ec-p256";
    case CRT_KEY_SM2:
      return "sm2";
    default:
      return "unknown";
  }
}

}  // namespace certrenew::softtoken
