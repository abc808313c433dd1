#include "certrenew/client/flow/new_pin_rules.hpp"

#include <algorithm>

namespace certrenew::client {
namespace {

constexpr unsigned kUsualMin = 6;
constexpr unsigned kUsualMax = 16;

}  // namespace

PinLengths new_pin_lengths(const token::PinState& state) {
  PinLengths lengths;
  lengths.max = std::min(state.max_len != 0 ? state.max_len : kUsualMax, kMaxPinBytes);
  lengths.min = std::min(state.min_len != 0 ? state.min_len : kUsualMin, lengths.max);
  lengths.min = std::max(lengths.min, 1u);
  return lengths;
}

std::optional<NewPinProblem> check_new_pin(const token::PinState& state, std::string_view current,
                                           std::string_view fresh, std::string_view again) {
  const PinLengths lengths = new_pin_lengths(state);
  if (fresh.empty()) return NewPinProblem::empty;
  if (fresh.size() < lengths.min) return NewPinProblem::too_short;
  if (fresh.size() > lengths.max) return NewPinProblem::too_long;
  if (fresh != again) return NewPinProblem::confirmation_differs;
  if (!current.empty() && fresh == current) return NewPinProblem::same_as_current;
  return std::nullopt;
}

}  // namespace certrenew::client
