#pragma once

// The CertRenew driver kit: labels.hpp gives a new object a label that tells it apart. A renewal
// writes the new certificate beside the old one, usually asking for the old one's label; two
// objects with one label confuse every tool that picks objects by label (a PKCS#11 URI's
// object=, a vendor's manager), so the new one says how long it is valid.

#include <certrenew/token_driver.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

namespace certrenew::driver_kit {

namespace detail {

inline bool all_digits(const std::string& text, std::size_t from, std::size_t count) {
  if (from + count > text.size()) return false;
  return std::all_of(text.begin() + static_cast<std::ptrdiff_t>(from),
                     text.begin() + static_cast<std::ptrdiff_t>(from + count),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

// `label` without a " #N" and then a " (valid until YYYY-MM-DD)" that distinct_label added.
inline std::string without_validity_suffix(std::string label) {
  const std::size_t hash = label.rfind(" #");
  if (hash != std::string::npos && hash + 2 < label.size() &&
      all_digits(label, hash + 2, label.size() - hash - 2))
    label.resize(hash);
  static const std::string kOpen = " (valid until ";
  const std::size_t open = label.rfind(kOpen);
  const std::size_t date = open + kOpen.size();
  if (open != std::string::npos && label.size() == date + 11 && label.back() == ')' &&
      all_digits(label, date, 4) && label[date + 4] == '-' && all_digits(label, date + 5, 2) &&
      label[date + 7] == '-' && all_digits(label, date + 8, 2))
    label.resize(open);
  return label;
}

// `base` cut at a UTF-8 character boundary so that base + tail fits CRT_TEXT_MAX - 1 bytes.
inline std::string fit(std::string base, const std::string& tail) {
  const std::size_t room = CRT_TEXT_MAX - 1 > tail.size() ? CRT_TEXT_MAX - 1 - tail.size() : 0;
  if (base.size() > room) {
    std::size_t n = room;
    while (n > 0 && (static_cast<unsigned char>(base[n]) & 0xC0) == 0x80) --n;
    base.resize(n);
  }
  return base + tail;
}

}  // namespace detail

// The label for a new object: `wanted` when no object in `taken` has it (and for an empty
// `wanted`: no label is no claim). Otherwise `wanted` with an earlier validity suffix replaced by
// " (valid until <valid_until>)" (a date, YYYY-MM-DD), then " #2", " #3"... until it is free.
// Labels are kept within CRT_TEXT_MAX - 1 bytes, so the ABI's listing shows them whole.
inline std::string distinct_label(const std::string& wanted, const std::string& valid_until,
                                  const std::vector<std::string>& taken) {
  const auto is_taken = [&](const std::string& label) {
    return std::find(taken.begin(), taken.end(), label) != taken.end();
  };
  if (wanted.empty() || !is_taken(wanted)) return wanted;
  const std::string base = detail::without_validity_suffix(wanted);
  const std::string dated = " (valid until " + valid_until + ")";
  std::string label = detail::fit(base, dated);
  for (int n = 2; is_taken(label); ++n) label = detail::fit(base, dated + " #" + std::to_string(n));
  return label;
}

}  // namespace certrenew::driver_kit
