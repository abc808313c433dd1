#pragma once

// What both bridges keep about the return values of their vendor's API (PKCS#11's CKR_*,
// GM/T 0016's SAR_*): a table with a row for each, found by value, and the value in hex as the
// standards print it.

#include <certrenew/token_driver.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace certrenew::plugins {

// One return value: its name as the standard spells it, what it means (a sentence, or the
// catalogue entry of one) and the ABI status a failure with it maps to.
template <typename Code, typename Sentence>
struct ReturnCode {
  Code code;
  const char* name;
  Sentence sentence;
  crt_status status;
};

// The row for `code`, or nullptr.
template <typename Row, std::size_t N, typename Code>
constexpr const Row* find_return_code(const std::array<Row, N>& rows, Code code) {
  for (const Row& row : rows)
    if (row.code == code) return &row;
  return nullptr;
}

// "0x0A000024": at least eight hex digits.
std::string code_hex(std::uint64_t code);

}  // namespace certrenew::plugins
