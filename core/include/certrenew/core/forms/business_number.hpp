#pragma once
// The numbers the renewal service hands out, as in the seed guide:
// - business number (业务单号), 17 digits: "01" + yyyymmdd + 7-digit sequence, e.g.
// 01201709210000846
// - order number, 12 digits: yyyymmdd + 4-digit sequence, e.g. 201709210001
// The date is the day the number was issued (a real calendar date, year 1900-9999); sequences
// start at 1 each day.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "certrenew/core/forms/reason.hpp"

namespace certrenew::forms {

struct DatedNumber {
  std::chrono::year_month_day date;
  std::uint32_t sequence = 0;
  bool operator==(const DatedNumber&) const = default;
};

struct DatedNumberParse {
  Reason reason = Reason::ok;
  DatedNumber number;
  bool ok() const { return reason == Reason::ok; }
};

inline constexpr std::uint32_t kMaxBusinessSequence = 9'999'999;
inline constexpr std::uint32_t kMaxOrderSequence = 9'999;

// Throw std::invalid_argument for an invalid date (or year outside 1900-9999) or a sequence of 0
// or above the maximum: those are programming errors on the issuing side.
std::string make_business_number(std::chrono::year_month_day date, std::uint32_t sequence);
std::string make_order_number(std::chrono::year_month_day date, std::uint32_t sequence);

// Surrounding white space is ignored; anything else must be exact.
DatedNumberParse parse_business_number(std::string_view text);
DatedNumberParse parse_order_number(std::string_view text);

}  // namespace certrenew::forms
