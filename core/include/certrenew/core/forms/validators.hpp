#pragma once
// Validators for the renewal form (operator and invoice recipient), used by the client as the user
// types and by the server again on intake. Each trims white space at both ends (ASCII and the
// ideographic space U+3000), returns Reason::ok with the normalised value, or the first problem
// found. Lengths are counted in Unicode code points, so "胡某" is 2 characters.

#include <chrono>
#include <cstddef>
#include <string_view>

#include "certrenew/core/forms/reason.hpp"

namespace certrenew::forms {

// 18-character resident identity card number (GB 11643-1999): 17 digits and an ISO 7064
// MOD 11-2 check character (0-9 or X; a lower-case x is accepted and returned upper-case).
// Checked in this order, so that a mistyped digit is reported as a checksum error: form, check
// character, region (first two digits a province-level code), birth date (digits 7-14: a real
// date, not before 1900-01-01 and not after `today`). 15-digit legacy numbers are refused.
Validation validate_resident_id(std::string_view text, std::chrono::sys_days today);
// Same, with today's date in UTC.
Validation validate_resident_id(std::string_view text);

// Mainland China mobile number. Spaces and hyphens are ignored, a +86 or 0086 prefix is removed;
// the result is 11 digits 1[3-9]xxxxxxxxx, which is the normalised value.
Validation validate_mobile(std::string_view text);

// Pragmatic e-mail check: one '@' (a full-width '＠' counts), a local part of 1-64 bytes of
// letters, digits, !#$%&'*+/=?^_`{|}~.- or non-ASCII (RFC 6531), no leading, trailing or double
// dots; a domain of at least two dot-separated labels (1-63 bytes of letters, digits, '-' or
// non-ASCII for IDN, no '-' at either end; ideographic full stops "。" count as dots), the last
// not all digits; at most 254 bytes in all. The domain's ASCII letters are lower-cased.
Validation validate_email(std::string_view text);

// 18-character unified social credit code (GB 32100-2015), alphabet 0-9 A-H J-N P-R T U W-Y,
// weights 3^i mod 31, check = alphabet[(31 - sum mod 31) mod 31]. Lower case is accepted and
// returned upper-case.
Validation validate_credit_code(std::string_view text);

// A person's name: 1-30 code points, no digits (ASCII or full-width), no control characters, no
// symbols other than space, '-', '\'', '.' and the middle dot '·' (U+00B7). Look-alike dots
// (•, ‧, ・, ･, ⋅) are normalised to U+00B7 as the public security system writes it.
Validation validate_person_name(std::string_view text);

// A postal address: 5-200 code points, no control characters.
Validation validate_address(std::string_view text);

// Any other free-text field: at most max_code_points, no control characters; an empty field is
// Reason::empty when required, otherwise ok with an empty value.
Validation validate_text(std::string_view text, std::size_t max_code_points, bool required = true);

}  // namespace certrenew::forms
