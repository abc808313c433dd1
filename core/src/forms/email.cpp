// Pragmatic e-mail address check (see validators.hpp for the exact rules). It does not try to
// accept every address RFC 5322 allows (quoted local parts, IP literals): a CA's invoices and
// notices go to ordinary mailboxes, and refusing oddities early is kinder than a bounce later.

#include <algorithm>
#include <string>

#include "certrenew/core/forms/validators.hpp"
#include "forms/utf8.hpp"

namespace certrenew::forms {
namespace {

constexpr std::size_t kMaxAddress = 254;  // RFC 3696 erratum / RFC 5321 path limit
constexpr std::size_t kMaxLocalPart = 64;
constexpr std::size_t kMaxLabel = 63;

bool local_part_ok(std::u32string_view local, std::size_t bytes) {
  if (local.empty() || bytes > kMaxLocalPart) return false;
  if (local.front() == U'.' || local.back() == U'.') return false;
  if (local.find(U"..") != std::u32string_view::npos) return false;
  constexpr std::u32string_view kSpecials = U"!#$%&'*+/=?^_`{|}~.-";
  return std::all_of(local.begin(), local.end(), [&](char32_t c) {
    if (c >= 0x80) return !detail::is_control_or_format(c) && c != 0x3000;
    return detail::is_ascii_alpha(c) || detail::is_ascii_digit(c) ||
           kSpecials.find(c) != std::u32string_view::npos;
  });
}

bool label_ok(std::u32string_view label) {
  if (label.empty() || detail::encode_utf8(label).size() > kMaxLabel) return false;
  if (label.front() == U'-' || label.back() == U'-') return false;
  return std::all_of(label.begin(), label.end(), [](char32_t c) {
    if (c >= 0x80) return !detail::is_control_or_format(c) && c != 0x3000;
    return detail::is_ascii_alpha(c) || detail::is_ascii_digit(c) || c == U'-';
  });
}

bool domain_ok(std::u32string_view domain) {
  std::size_t labels = 0;
  std::u32string_view last;
  for (std::size_t start = 0;;) {
    const std::size_t dot = domain.find(U'.', start);
    last = domain.substr(start, dot == std::u32string_view::npos ? dot : dot - start);
    if (!label_ok(last)) return false;
    ++labels;
    if (dot == std::u32string_view::npos) break;
    start = dot + 1;
  }
  // A top-level domain is never all digits; this also refuses bare IPv4 addresses.
  const bool numeric_tld = std::all_of(last.begin(), last.end(), detail::is_ascii_digit);
  return labels >= 2 && !numeric_tld;
}

}  // namespace

Validation validate_email(std::string_view text) {
  const std::string_view trimmed = detail::trim(text);
  if (trimmed.empty()) return Validation::invalid(Reason::empty);
  auto decoded = detail::decode_utf8(trimmed);
  if (!decoded) return Validation::invalid(Reason::invalid_utf8);
  std::u32string address = std::move(*decoded);
  // What Chinese input methods type instead of '@' and '.'.
  for (char32_t& c : address) {
    if (c == U'＠') c = U'@';
    if (c == U'。' || c == U'．' || c == U'｡') c = U'.';
  }
  const auto at_count = std::count(address.begin(), address.end(), U'@');
  if (at_count == 0) return Validation::invalid(Reason::email_missing_at);
  if (at_count > 1) return Validation::invalid(Reason::email_several_at);

  const std::size_t at = address.find(U'@');
  const std::u32string_view local = std::u32string_view(address).substr(0, at);
  std::u32string domain = address.substr(at + 1);
  for (char32_t& c : domain) {
    if (c >= U'A' && c <= U'Z') c = c - U'A' + U'a';
  }
  if (!local_part_ok(local, detail::encode_utf8(local).size())) {
    return Validation::invalid(Reason::email_bad_local_part);
  }
  if (!domain_ok(domain)) return Validation::invalid(Reason::email_bad_domain);
  std::string normalised = detail::encode_utf8(local) + "@" + detail::encode_utf8(domain);
  if (normalised.size() > kMaxAddress) return Validation::invalid(Reason::email_too_long);
  return Validation::valid(std::move(normalised));
}

}  // namespace certrenew::forms
