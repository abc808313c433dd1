#include "codec.hpp"

#include <certrenew/token_driver.h>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <limits>
#include <new>

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

// Hex through OpenSSL's own codec (upper-case out, either case in); the token's files use the
// lower-case form.
std::string hex_encode(std::span<const std::uint8_t> bytes) {
  std::string out(2 * bytes.size() + 1, '\0');
  std::size_t written = 0;
  if (OPENSSL_buf2hexstr_ex(out.data(), out.size(), &written, bytes.data(), bytes.size(), '\0') !=
      1)
    throw std::bad_alloc();  // the buffer is sized exactly: only memory can fail
  out.resize(2 * bytes.size());
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  });
  return out;
}

std::optional<std::vector<std::uint8_t>> hex_decode(std::string_view text) {
  // OpenSSL reads a C string: text with a NUL inside would be cut short, so it is refused here.
  if (text.size() % 2 != 0 || text.find('\0') != std::string_view::npos) return std::nullopt;
  std::vector<std::uint8_t> out(text.size() / 2);
  std::size_t decoded = 0;
  const std::string c_text(text);
  if (OPENSSL_hexstr2buf_ex(out.data(), out.size(), &decoded, c_text.c_str(), '\0') != 1 ||
      decoded != out.size()) {
    ERR_clear_error();
    return std::nullopt;
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
