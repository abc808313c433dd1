#pragma once
// The rules a new PIN is checked against before it reaches a token (修改密码, 解锁): its length
// as the token states it (or 6 to 16 characters, what Chinese CAs' keys commonly take, when it
// does not say), typed the same twice, and not the current PIN again. The token still has the
// last word; these rules only spare a try and say clearly what is wrong.

#include <optional>
#include <string_view>

#include "certrenew/core/token/token_types.hpp"

namespace certrenew::client {

enum class NewPinProblem {
  empty,
  too_short,
  too_long,
  confirmation_differs,  // the second entry is not the first
  same_as_current,
};

struct PinLengths {
  unsigned min = 0;
  unsigned max = 0;
};

// The lengths (in bytes: PINs are ASCII on every token we know) a new PIN may have on a token
// with this PIN state. Never more than kMaxPinBytes, the longest PIN the app takes.
inline constexpr unsigned kMaxPinBytes = 64;
PinLengths new_pin_lengths(const token::PinState& state);

// The first rule the new PIN breaks, or nullopt. `current` is the PIN being replaced (empty when
// it is not known, as when unblocking with the administrator PIN: then it is not compared).
std::optional<NewPinProblem> check_new_pin(const token::PinState& state, std::string_view current,
                                           std::string_view fresh, std::string_view again);

}  // namespace certrenew::client
