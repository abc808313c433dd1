#pragma once
// Why a form field was refused, shared by client and server: the server sends reason_id() in its
// answers, the client maps it back with reason_from_id() and shows message() in the user's
// language.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "certrenew/core/text/text.hpp"

namespace certrenew::forms {

// Transitional: server/src/service/form_check.cpp still says forms::Lang; it is the one Language.
using Lang = Language;

enum class Reason {
  ok,
  // Any text field
  empty,
  too_long,
  invalid_utf8,
  control_character,
  // Resident identity card number (GB 11643)
  resident_id_legacy_15_digits,
  resident_id_wrong_length,
  resident_id_bad_character,
  resident_id_bad_checksum,
  resident_id_bad_region,
  resident_id_bad_birth_date,
  resident_id_birth_date_in_future,
  resident_id_birth_date_before_1900,
  // Mainland mobile number
  mobile_bad_character,
  mobile_not_mainland,
  mobile_wrong_length,
  mobile_bad_prefix,
  // E-mail address
  email_too_long,
  email_missing_at,
  email_several_at,
  email_bad_local_part,
  email_bad_domain,
  // Unified social credit code (GB 32100)
  credit_code_wrong_length,
  credit_code_bad_character,
  credit_code_bad_checksum,
  // Person name
  name_too_long,
  name_has_digit,
  name_has_symbol,
  // Postal address
  address_too_short,
  address_too_long,
  // Amount of money
  money_bad_format,
  money_negative,
  money_too_many_decimals,
  money_too_large,
  // Business number (业务单号) and order number
  business_number_wrong_length,
  business_number_not_digits,
  business_number_bad_prefix,
  business_number_bad_date,
  business_number_zero_sequence,
  order_number_wrong_length,
  order_number_not_digits,
  order_number_bad_date,
  order_number_zero_sequence,
};

// The text shown to a person, in both languages (never empty), from catalogues::form_reasons().
Text message(Reason reason);
std::string_view message(Reason reason, Language language);
// A stable ASCII identifier ("resident_id.bad_checksum") for protocol messages and logs.
std::string_view reason_id(Reason reason);
std::optional<Reason> reason_from_id(std::string_view id);
// Every reason, in declaration order (for tests and translation checks).
std::span<const Reason> all_reasons();

// The outcome of checking one field.
struct Validation {
  Reason reason = Reason::ok;
  std::string value;  // when ok: the normalised input (trimmed, upper-case X, 11-digit mobile, ...)

  bool ok() const { return reason == Reason::ok; }
  explicit operator bool() const { return ok(); }
  std::string_view message(Language language) const { return forms::message(reason, language); }

  static Validation valid(std::string value) { return {Reason::ok, std::move(value)}; }
  static Validation invalid(Reason reason) { return {reason, {}}; }
};

}  // namespace certrenew::forms
