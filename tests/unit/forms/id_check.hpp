#pragma once
// Test helpers that compute check characters independently of the code under test, so tests can
// build numbers that pass the checksum but break another rule.

#include <array>
#include <string>

// Appends the GB 11643 check character to 17 digits.
inline std::string with_id_check(const std::string& first17) {
  constexpr std::array<int, 17> weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * weights[i];
  return first17 + "10X98765432"[sum % 11];
}

// Appends the GB 32100 check character to 17 characters.
inline std::string with_credit_check(const std::string& first17) {
  const std::string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  int sum = 0, weight = 1;
  for (std::size_t i = 0; i < 17; ++i) {
    sum += static_cast<int>(alphabet.find(first17[i])) * weight;
    weight = weight * 3 % 31;
  }
  return first17 + alphabet[static_cast<std::size_t>((31 - sum % 31) % 31)];
}
