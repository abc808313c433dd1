#pragma once
// A fixed table of {key, value} rows (an enum and its codes, or two enums that go together),
// written once and read either way, instead of one switch for each direction.
//
//   constexpr auto kStepCodes = std::to_array<std::pair<Step, std::string_view>>({
//       {Step::start, "start"}, {Step::done, "done"}});
//   lookup(kStepCodes, Step::done)     -> "done"
//   lookup_key(kStepCodes, "start")    -> Step::start
//
// std::to_array counts the rows, so a table cannot end in default-made rows by miscounting.

#include <array>
#include <cstddef>
#include <optional>
#include <type_traits>
#include <utility>

namespace certrenew {

template <class Key, class Value, std::size_t N>
using LookupTable = std::array<std::pair<Key, Value>, N>;

namespace detail {

template <class Row, std::size_t N, class Matches>
constexpr const Row* first_row(const std::array<Row, N>& table, Matches matches) {
  for (const Row& row : table) {
    if (matches(row)) return &row;
  }
  return nullptr;
}

}  // namespace detail

// The value in the first row whose key is `key`; nothing when no row has it.
template <class Key, class Value, std::size_t N>
constexpr std::optional<Value> lookup(const LookupTable<Key, Value, N>& table,
                                      const std::type_identity_t<Key>& key) {
  const auto* row = detail::first_row(table, [&](const auto& r) { return r.first == key; });
  return row ? std::optional<Value>(row->second) : std::nullopt;
}

// The key in the first row whose value is `value`; nothing when no row has it.
template <class Key, class Value, std::size_t N>
constexpr std::optional<Key> lookup_key(const LookupTable<Key, Value, N>& table,
                                        const std::type_identity_t<Value>& value) {
  const auto* row = detail::first_row(table, [&](const auto& r) { return r.second == value; });
  return row ? std::optional<Key>(row->first) : std::nullopt;
}

}  // namespace certrenew
