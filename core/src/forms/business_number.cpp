// Business and order numbers: a fixed prefix, the issue date and a zero-padded daily sequence.

#include "certrenew/core/forms/business_number.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <stdexcept>

#include "forms/utf8.hpp"

namespace certrenew::forms {
namespace {

struct Layout {
  std::string_view prefix;
  std::size_t sequence_digits;
  std::uint32_t max_sequence;
  Reason wrong_length, not_digits, bad_prefix, bad_date, zero_sequence;
  const char* what;
};

constexpr Layout kBusiness{"01",
                           7,
                           kMaxBusinessSequence,
                           Reason::business_number_wrong_length,
                           Reason::business_number_not_digits,
                           Reason::business_number_bad_prefix,
                           Reason::business_number_bad_date,
                           Reason::business_number_zero_sequence,
                           "business number"};
// Order numbers have no prefix; bad_prefix is never reported for them.
constexpr Layout kOrder{"",
                        4,
                        kMaxOrderSequence,
                        Reason::order_number_wrong_length,
                        Reason::order_number_not_digits,
                        Reason::ok,
                        Reason::order_number_bad_date,
                        Reason::order_number_zero_sequence,
                        "order number"};

bool date_in_range(std::chrono::year_month_day date) {
  using namespace std::chrono;
  return date.ok() && date.year() >= year{1900} && date.year() <= year{9999};
}

std::uint32_t digits_value(std::string_view digits) {
  std::uint32_t value = 0;
  for (char c : digits) value = value * 10 + static_cast<std::uint32_t>(c - '0');
  return value;
}

std::string make(const Layout& layout, std::chrono::year_month_day date, std::uint32_t sequence) {
  if (!date_in_range(date)) {
    throw std::invalid_argument(std::string(layout.what) + ": not a valid date");
  }
  if (sequence == 0 || sequence > layout.max_sequence) {
    throw std::invalid_argument(std::string(layout.what) + ": sequence out of range");
  }
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%04d%02u%02u%0*u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(layout.sequence_digits), static_cast<unsigned>(sequence));
  return std::string(layout.prefix) + buffer.data();
}

DatedNumberParse parse(const Layout& layout, std::string_view text) {
  using namespace std::chrono;
  const std::string_view s = detail::trim(text);
  if (s.empty()) return {Reason::empty, {}};
  if (!std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return {layout.not_digits, {}};
  }
  if (s.size() != layout.prefix.size() + 8 + layout.sequence_digits)
    return {layout.wrong_length, {}};
  if (!s.starts_with(layout.prefix)) return {layout.bad_prefix, {}};
  const std::string_view rest = s.substr(layout.prefix.size());
  const year_month_day date{year{static_cast<int>(digits_value(rest.substr(0, 4)))},
                            month{digits_value(rest.substr(4, 2))},
                            day{digits_value(rest.substr(6, 2))}};
  if (!date_in_range(date)) return {layout.bad_date, {}};
  const std::uint32_t sequence = digits_value(rest.substr(8));
  if (sequence == 0) return {layout.zero_sequence, {}};
  return {Reason::ok, {date, sequence}};
}

}  // namespace

std::string make_business_number(std::chrono::year_month_day date, std::uint32_t sequence) {
  return make(kBusiness, date, sequence);
}

std::string make_order_number(std::chrono::year_month_day date, std::uint32_t sequence) {
  return make(kOrder, date, sequence);
}

DatedNumberParse parse_business_number(std::string_view text) {
  return parse(kBusiness, text);
}

DatedNumberParse parse_order_number(std::string_view text) {
  return parse(kOrder, text);
}

}  // namespace certrenew::forms
