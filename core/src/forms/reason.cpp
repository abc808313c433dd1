// The one table of reasons and their stable ids. Its order must follow the enum; a compile-time
// check below enforces it. The texts are in the form_reasons catalogue, keyed by the same ids.

#include <array>

#include "certrenew/core/forms/reason.hpp"
#include "certrenew/core/text/catalogues.hpp"

namespace certrenew::forms {
namespace {

struct Entry {
  Reason reason;
  std::string_view id;
};

constexpr std::array kEntries = {
    Entry{Reason::ok, "ok"},
    Entry{Reason::empty, "empty"},
    Entry{Reason::too_long, "too_long"},
    Entry{Reason::invalid_utf8, "invalid_utf8"},
    Entry{Reason::control_character, "control_character"},
    Entry{Reason::resident_id_legacy_15_digits, "resident_id.legacy_15_digits"},
    Entry{Reason::resident_id_wrong_length, "resident_id.wrong_length"},
    Entry{Reason::resident_id_bad_character, "resident_id.bad_character"},
    Entry{Reason::resident_id_bad_checksum, "resident_id.bad_checksum"},
    Entry{Reason::resident_id_bad_region, "resident_id.bad_region"},
    Entry{Reason::resident_id_bad_birth_date, "resident_id.bad_birth_date"},
    Entry{Reason::resident_id_birth_date_in_future, "resident_id.birth_date_in_future"},
    Entry{Reason::resident_id_birth_date_before_1900, "resident_id.birth_date_before_1900"},
    Entry{Reason::mobile_bad_character, "mobile.bad_character"},
    Entry{Reason::mobile_not_mainland, "mobile.not_mainland"},
    Entry{Reason::mobile_wrong_length, "mobile.wrong_length"},
    Entry{Reason::mobile_bad_prefix, "mobile.bad_prefix"},
    Entry{Reason::email_too_long, "email.too_long"},
    Entry{Reason::email_missing_at, "email.missing_at"},
    Entry{Reason::email_several_at, "email.several_at"},
    Entry{Reason::email_bad_local_part, "email.bad_local_part"},
    Entry{Reason::email_bad_domain, "email.bad_domain"},
    Entry{Reason::credit_code_wrong_length, "credit_code.wrong_length"},
    Entry{Reason::credit_code_bad_character, "credit_code.bad_character"},
    Entry{Reason::credit_code_bad_checksum, "credit_code.bad_checksum"},
    Entry{Reason::name_too_long, "name.too_long"},
    Entry{Reason::name_has_digit, "name.has_digit"},
    Entry{Reason::name_has_symbol, "name.has_symbol"},
    Entry{Reason::address_too_short, "address.too_short"},
    Entry{Reason::address_too_long, "address.too_long"},
    Entry{Reason::money_bad_format, "money.bad_format"},
    Entry{Reason::money_negative, "money.negative"},
    Entry{Reason::money_too_many_decimals, "money.too_many_decimals"},
    Entry{Reason::money_too_large, "money.too_large"},
    Entry{Reason::business_number_wrong_length, "business_number.wrong_length"},
    Entry{Reason::business_number_not_digits, "business_number.not_digits"},
    Entry{Reason::business_number_bad_prefix, "business_number.bad_prefix"},
    Entry{Reason::business_number_bad_date, "business_number.bad_date"},
    Entry{Reason::business_number_zero_sequence, "business_number.zero_sequence"},
    Entry{Reason::order_number_wrong_length, "order_number.wrong_length"},
    Entry{Reason::order_number_not_digits, "order_number.not_digits"},
    Entry{Reason::order_number_bad_date, "order_number.bad_date"},
    Entry{Reason::order_number_zero_sequence, "order_number.zero_sequence"},
};

constexpr bool table_follows_enum() {
  for (std::size_t i = 0; i < kEntries.size(); ++i) {
    if (kEntries[i].reason != static_cast<Reason>(i)) return false;
    if (kEntries[i].id.empty()) return false;
  }
  return kEntries.back().reason == Reason::order_number_zero_sequence;
}
static_assert(table_follows_enum(), "kEntries must list every Reason once, in enum order");

constexpr std::array<Reason, kEntries.size()> kAllReasons = [] {
  std::array<Reason, kEntries.size()> all{};
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = kEntries[i].reason;
  return all;
}();

// For a value outside the enum (a cast from a bad integer): a generic text rather than a crash.
constexpr Entry kUnknown{Reason::ok, "unknown"};

const Entry& entry(Reason reason) {
  const auto index = static_cast<std::size_t>(reason);
  return index < kEntries.size() ? kEntries[index] : kUnknown;
}

}  // namespace

Text message(Reason reason) {
  return catalogues::form_reasons().text(entry(reason).id);
}

std::string_view message(Reason reason, Language language) {
  return catalogues::form_reasons().in(entry(reason).id, language);
}

std::string_view reason_id(Reason reason) {
  return entry(reason).id;
}

std::optional<Reason> reason_from_id(std::string_view id) {
  for (const Entry& e : kEntries) {
    if (e.id == id) return e.reason;
  }
  return std::nullopt;
}

std::span<const Reason> all_reasons() {
  return kAllReasons;
}

}  // namespace certrenew::forms
