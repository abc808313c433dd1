// Mainland China mobile numbers: 11 digits starting 13-19, after removing separators and +86.

#include <algorithm>
#include <string>

#include "certrenew/core/forms/validators.hpp"
#include "forms/utf8.hpp"

namespace certrenew::forms {

Validation validate_mobile(std::string_view text) {
  std::string number;
  for (char c : detail::trim(text)) {
    if (c != ' ' && c != '-' && c != '\t') number += c;
  }
  if (number.empty()) return Validation::invalid(Reason::empty);
  std::string_view digits = number;
  if (digits.starts_with("+86")) {
    digits.remove_prefix(3);
  } else if (digits.starts_with("0086")) {
    digits.remove_prefix(4);
  } else if (digits.starts_with('+') || digits.starts_with("00")) {
    return Validation::invalid(Reason::mobile_not_mainland);  // another country's prefix
  }
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return Validation::invalid(Reason::mobile_bad_character);
  }
  if (digits.size() != 11) return Validation::invalid(Reason::mobile_wrong_length);
  if (digits[0] != '1' || digits[1] < '3') return Validation::invalid(Reason::mobile_bad_prefix);
  return Validation::valid(std::string(digits));
}

}  // namespace certrenew::forms
