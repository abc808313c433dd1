// Person names, addresses and other free text: counted in code points, no control characters.

#include <algorithm>
#include <string>

#include "certrenew/core/forms/validators.hpp"
#include "forms/utf8.hpp"

namespace certrenew::forms {
namespace {

constexpr std::size_t kMaxName = 30;
constexpr std::size_t kMinAddress = 5;
constexpr std::size_t kMaxAddress = 200;
constexpr char32_t kMiddleDot = U'·';  // U+00B7, as in 阿沛·阿旺晋美

bool is_full_width_digit(char32_t c) {
  return c >= U'０' && c <= U'９';
}

bool is_dot_look_alike(char32_t c) {
  return c == U'•' || c == U'‧' || c == U'・' || c == U'･' || c == U'⋅' || c == U'∙';
}

// Trims and decodes; sets `problem` when the text is empty or not UTF-8.
std::optional<std::u32string> decode_field(std::string_view text, Reason& problem) {
  const std::string_view trimmed = detail::trim(text);
  if (trimmed.empty()) {
    problem = Reason::empty;
    return std::nullopt;
  }
  auto decoded = detail::decode_utf8(trimmed);
  if (!decoded) {
    problem = Reason::invalid_utf8;
    return std::nullopt;
  }
  if (std::any_of(decoded->begin(), decoded->end(), detail::is_control_or_format)) {
    problem = Reason::control_character;
    return std::nullopt;
  }
  return decoded;
}

}  // namespace

Validation validate_person_name(std::string_view text) {
  Reason problem = Reason::ok;
  auto name = decode_field(text, problem);
  if (!name) return Validation::invalid(problem);
  for (char32_t& c : *name) {
    if (is_dot_look_alike(c)) c = kMiddleDot;
    if (detail::is_ascii_digit(c) || is_full_width_digit(c)) {
      return Validation::invalid(Reason::name_has_digit);
    }
    const bool ascii_symbol =
        c < 0x80 && !detail::is_ascii_alpha(c) && c != U' ' && c != U'-' && c != U'\'' && c != U'.';
    if (ascii_symbol) return Validation::invalid(Reason::name_has_symbol);
  }
  if (name->size() > kMaxName) return Validation::invalid(Reason::name_too_long);
  return Validation::valid(detail::encode_utf8(*name));
}

Validation validate_address(std::string_view text) {
  Reason problem = Reason::ok;
  auto address = decode_field(text, problem);
  if (!address) return Validation::invalid(problem);
  if (address->size() < kMinAddress) return Validation::invalid(Reason::address_too_short);
  if (address->size() > kMaxAddress) return Validation::invalid(Reason::address_too_long);
  return Validation::valid(std::string(detail::trim(text)));
}

Validation validate_text(std::string_view text, std::size_t max_code_points, bool required) {
  Reason problem = Reason::ok;
  auto decoded = decode_field(text, problem);
  if (!decoded) {
    if (problem == Reason::empty && !required) return Validation::valid({});
    return Validation::invalid(problem);
  }
  if (decoded->size() > max_code_points) return Validation::invalid(Reason::too_long);
  return Validation::valid(std::string(detail::trim(text)));
}

}  // namespace certrenew::forms
