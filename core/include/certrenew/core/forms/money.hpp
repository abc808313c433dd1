#pragma once
// Money as a whole number of fen (1 yuan = 100 fen), never floating point: fees are multiplied by
// years and summed, and a total must match to the fen on client, server and invoice.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "certrenew/core/forms/reason.hpp"

namespace certrenew::forms {

class Money {
 public:
  constexpr Money() = default;
  static constexpr Money from_fen(std::int64_t fen) { return Money(fen); }

  constexpr std::int64_t fen() const { return fen_; }
  // Yuan with exactly two decimals and no grouping: "100.00", "0.05", "-3.50".
  std::string to_string() const;

  // nullopt when the result does not fit in 64-bit fen.
  std::optional<Money> times(std::int64_t quantity) const;
  std::optional<Money> plus(Money other) const;

  friend constexpr auto operator<=>(Money, Money) = default;

 private:
  constexpr explicit Money(std::int64_t fen) : fen_(fen) {}
  std::int64_t fen_ = 0;
};

struct MoneyParse {
  Reason reason = Reason::ok;
  Money money;
  bool ok() const { return reason == Reason::ok; }
};

// Parses yuan as people write it: "100", "100.5", "100.00" (white space around is ignored).
// Refused: a sign other than a leading '-' (and that only when allow_negative), more than two
// decimals, grouping separators, exponents, anything but ASCII digits and one '.', and amounts
// beyond the 64-bit fen range.
MoneyParse parse_money(std::string_view text, bool allow_negative = false);

}  // namespace certrenew::forms
