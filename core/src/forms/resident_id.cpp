// Resident identity card number, GB 11643-1999 (check character per ISO 7064 MOD 11-2).

#include <algorithm>
#include <array>
#include <string>

#include "certrenew/core/forms/validators.hpp"
#include "forms/utf8.hpp"

namespace certrenew::forms {
namespace {

constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kCheckCharacters = "10X98765432";  // indexed by sum mod 11

// Province-level region codes: the first two digits of every valid number.
bool known_region(int code) {
  return (code >= 11 && code <= 15) || (code >= 21 && code <= 23) || (code >= 31 && code <= 37) ||
         (code >= 41 && code <= 46) || (code >= 50 && code <= 54) || (code >= 61 && code <= 65) ||
         code == 71 || code == 81 || code == 82;
}

int digits_value(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

bool all_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

Validation validate_resident_id(std::string_view text, std::chrono::sys_days today) {
  using namespace std::chrono;
  std::string id(detail::trim(text));
  if (id.empty()) return Validation::invalid(Reason::empty);
  if (id.size() == 15 && all_digits(id)) {
    return Validation::invalid(Reason::resident_id_legacy_15_digits);
  }
  if (id.back() == 'x') id.back() = 'X';
  // Digits throughout, except that the last character may be X.
  const bool form_ok = all_digits(std::string_view(id).substr(0, id.size() - 1)) &&
                       (all_digits(id.substr(id.size() - 1)) || id.back() == 'X');
  if (!form_ok) return Validation::invalid(Reason::resident_id_bad_character);
  if (id.size() != 18) return Validation::invalid(Reason::resident_id_wrong_length);

  int sum = 0;
  for (std::size_t i = 0; i < kWeights.size(); ++i) sum += (id[i] - '0') * kWeights[i];
  if (id[17] != kCheckCharacters[static_cast<std::size_t>(sum % 11)]) {
    return Validation::invalid(Reason::resident_id_bad_checksum);
  }

  if (!known_region(digits_value(id.substr(0, 2)))) {
    return Validation::invalid(Reason::resident_id_bad_region);
  }

  const year_month_day birth{year{digits_value(id.substr(6, 4))},
                             month{static_cast<unsigned>(digits_value(id.substr(10, 2)))},
                             day{static_cast<unsigned>(digits_value(id.substr(12, 2)))}};
  if (!birth.ok()) return Validation::invalid(Reason::resident_id_bad_birth_date);
  if (birth < 1900y / January / 1)
    return Validation::invalid(Reason::resident_id_birth_date_before_1900);
  if (sys_days{birth} > today) return Validation::invalid(Reason::resident_id_birth_date_in_future);
  return Validation::valid(std::move(id));
}

Validation validate_resident_id(std::string_view text) {
  return validate_resident_id(
      text, std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
}

}  // namespace certrenew::forms
