// Integer-fen money: parsing, formatting and overflow-checked arithmetic.

#include "certrenew/core/forms/money.hpp"

#include <limits>

#include "forms/utf8.hpp"

namespace certrenew::forms {
namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

// a * b without overflow (the division checks are exact, so no wider type is needed).
std::optional<std::int64_t> checked_multiply(std::int64_t a, std::int64_t b) {
  if (a == 0 || b == 0) return 0;
  if (a > 0) {
    if (b > 0 ? a > kMax / b : b < kMin / a) return std::nullopt;
  } else {
    if (b > 0 ? a < kMin / b : b < kMax / a) return std::nullopt;
  }
  return a * b;
}

std::optional<std::int64_t> checked_add(std::int64_t a, std::int64_t b) {
  if ((b > 0 && a > kMax - b) || (b < 0 && a < kMin - b)) return std::nullopt;
  return a + b;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

std::string Money::to_string() const {
  // Work on the magnitude as unsigned so that the most negative value formats too.
  const bool negative = fen_ < 0;
  const std::uint64_t magnitude = negative ? std::uint64_t{0} - static_cast<std::uint64_t>(fen_)
                                           : static_cast<std::uint64_t>(fen_);
  const std::uint64_t cents = magnitude % 100;
  std::string out = negative ? "-" : "";
  out += std::to_string(magnitude / 100);
  out += '.';
  out += static_cast<char>('0' + cents / 10);
  out += static_cast<char>('0' + cents % 10);
  return out;
}

std::optional<Money> Money::times(std::int64_t quantity) const {
  const auto product = checked_multiply(fen_, quantity);
  if (!product) return std::nullopt;
  return Money(*product);
}

std::optional<Money> Money::plus(Money other) const {
  const auto sum = checked_add(fen_, other.fen_);
  if (!sum) return std::nullopt;
  return Money(*sum);
}

MoneyParse parse_money(std::string_view text, bool allow_negative) {
  std::string_view s = detail::trim(text);
  if (s.empty()) return {Reason::empty, {}};
  const bool negative = s.front() == '-';
  if (negative) s.remove_prefix(1);

  const std::size_t dot = s.find('.');
  const std::string_view whole = s.substr(0, dot);
  const std::string_view fraction =
      dot == std::string_view::npos ? std::string_view{} : s.substr(dot + 1);
  const auto all_digits = [](std::string_view part) {
    for (char c : part) {
      if (!is_digit(c)) return false;
    }
    return true;
  };
  // "100." and ".5" are refused: people mean something, but we should not guess what.
  const bool well_formed = !whole.empty() && all_digits(whole) && all_digits(fraction) &&
                           (dot == std::string_view::npos || !fraction.empty());
  if (!well_formed) return {Reason::money_bad_format, {}};
  if (fraction.size() > 2) return {Reason::money_too_many_decimals, {}};
  if (negative && !allow_negative) return {Reason::money_negative, {}};

  std::optional<std::int64_t> fen = 0;
  for (char c : whole) {
    fen = checked_multiply(*fen, 10);
    if (fen) fen = checked_add(*fen, c - '0');
    if (!fen) return {Reason::money_too_large, {}};
  }
  fen = checked_multiply(*fen, 100);
  const std::int64_t cents = fraction.empty() ? 0
                             : fraction.size() == 1
                                 ? (fraction[0] - '0') * 10
                                 : (fraction[0] - '0') * 10 + (fraction[1] - '0');
  if (fen) fen = checked_add(*fen, cents);
  if (!fen) return {Reason::money_too_large, {}};
  return {Reason::ok, Money::from_fen(negative ? -*fen : *fen)};
}

}  // namespace certrenew::forms
