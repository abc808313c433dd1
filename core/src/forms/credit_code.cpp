// Unified social credit code, GB 32100-2015.

#include <array>
#include <string>

#include "certrenew/core/forms/validators.hpp"
#include "forms/utf8.hpp"

namespace certrenew::forms {
namespace {

// 31 characters: digits and capitals without I, O, S, V, Z (too easily confused).
constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
// 3^i mod 31 for positions 1..17.
constexpr std::array<int, 17> kWeights = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                          29, 25, 13, 8,  24, 10, 30, 28};

bool ascii_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

}  // namespace

Validation validate_credit_code(std::string_view text) {
  std::string code(detail::trim(text));
  if (code.empty()) return Validation::invalid(Reason::empty);
  for (char& c : code) {
    if (!ascii_alnum(c)) return Validation::invalid(Reason::credit_code_bad_character);
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  if (code.size() != 18) return Validation::invalid(Reason::credit_code_wrong_length);
  int sum = 0;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const auto value = kAlphabet.find(code[i]);
    if (value == std::string_view::npos) {
      return Validation::invalid(Reason::credit_code_bad_character);
    }
    if (i < kWeights.size()) sum += static_cast<int>(value) * kWeights[i];
  }
  const char expected = kAlphabet[static_cast<std::size_t>((31 - sum % 31) % 31)];
  if (code[17] != expected) return Validation::invalid(Reason::credit_code_bad_checksum);
  return Validation::valid(std::move(code));
}

}  // namespace certrenew::forms
