#include "certrenew/client/store/application_record.hpp"

#include <array>
#include <charconv>
#include <cstdio>
#include <stdexcept>
#include <utility>

#include "certrenew/core/forms/business_number.hpp"

namespace certrenew::client {

namespace {

constexpr int kFormatVersion = 1;

constexpr std::array<std::pair<LocalPhase, std::string_view>, 6> kPhaseCodes{{
    {LocalPhase::applied, "applied"},
    {LocalPhase::paying, "paying"},
    {LocalPhase::waiting_review, "waiting_review"},
    {LocalPhase::installing_written, "installing_written"},
    {LocalPhase::completed, "completed"},
    {LocalPhase::cancelled, "cancelled"},
}};

[[noreturn]] void bad_key(std::string_view key, std::string_view problem) {
  throw StoreError("record key '" + std::string(key) + "': " + std::string(problem));
}

const nlohmann::json& member(const nlohmann::json& json, std::string_view key) {
  const auto it = json.find(key);
  if (it == json.end()) bad_key(key, "missing");
  return *it;
}

std::string string_member(const nlohmann::json& json, std::string_view key, bool allow_empty) {
  const nlohmann::json& value = member(json, key);
  if (!value.is_string()) bad_key(key, "must be a string");
  std::string text = value.get<std::string>();
  if (!allow_empty && text.empty()) bad_key(key, "must not be empty");
  return text;
}

Bytes base64_member(const nlohmann::json& json, std::string_view key) {
  const std::string text = string_member(json, key, false);
  try {
    return from_base64(text);
  } catch (const std::invalid_argument&) {
    bad_key(key, "is not valid base64");
  }
}

std::chrono::sys_seconds time_member(const nlohmann::json& json, std::string_view key) {
  const auto t = parse_utc_iso(string_member(json, key, false));
  if (!t) bad_key(key, "must be a UTC time like 2017-09-21T08:00:00Z");
  return *t;
}

// Reads a fixed-width decimal field; false unless every character is a digit.
bool digits(std::string_view text, std::size_t pos, std::size_t len, int& out) {
  const std::string_view field = text.substr(pos, len);
  if (field.size() != len) return false;
  for (const char c : field) {
    if (c < '0' || c > '9') return false;
  }
  return std::from_chars(field.data(), field.data() + len, out).ec == std::errc{};
}

}  // namespace

std::string_view code(LocalPhase phase) {
  for (const auto& [value, text] : kPhaseCodes) {
    if (value == phase) return text;
  }
  throw std::invalid_argument("unknown LocalPhase value");
}

std::optional<LocalPhase> parse_local_phase(std::string_view text) {
  for (const auto& [value, name] : kPhaseCodes) {
    if (name == text) return value;
  }
  return std::nullopt;
}

bool is_valid_business_number(std::string_view text) {
  // parse_business_number() forgives surrounding white space; a file name must not.
  return text.size() == 17 && forms::parse_business_number(text).ok();
}

std::string format_utc_iso(std::chrono::sys_seconds t) {
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day date(day);
  const std::chrono::hh_mm_ss time(t - day);
  std::array<char, 32> out{};
  std::snprintf(out.data(), out.size(), "%04d-%02u-%02uT%02d:%02d:%02dZ", int(date.year()),
                unsigned(date.month()), unsigned(date.day()), int(time.hours().count()),
                int(time.minutes().count()), int(time.seconds().count()));
  return out.data();
}

std::optional<std::chrono::sys_seconds> parse_utc_iso(std::string_view text) {
  // Exactly "YYYY-MM-DDThh:mm:ssZ": the only form this store writes.
  if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text[19] != 'Z') {
    return std::nullopt;
  }
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (!digits(text, 0, 4, y) || !digits(text, 5, 2, mo) || !digits(text, 8, 2, d) ||
      !digits(text, 11, 2, h) || !digits(text, 14, 2, mi) || !digits(text, 17, 2, s)) {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year(y),
                                         std::chrono::month(static_cast<unsigned>(mo)),
                                         std::chrono::day(static_cast<unsigned>(d))};
  if (!date.ok() || h > 23 || mi > 59 || s > 59) return std::nullopt;
  return std::chrono::sys_days(date) + std::chrono::hours(h) + std::chrono::minutes(mi) +
         std::chrono::seconds(s);
}

nlohmann::json record_to_json(const ApplicationRecord& r) {
  nlohmann::json json = {
      {"version", kFormatVersion},
      {"business_no", r.business_no},
      {"capability_token", r.capability_token},
      {"service_url", r.service_url},
      {"token_id", r.token_id},
      {"old_certificate", to_base64(r.old_certificate)},
      {"new_key_id", to_hex(r.new_key_id)},
      {"period_months", r.period_months},
      {"business_state", protocol::code(r.business_state)},
      {"payment_state", protocol::code(r.payment_state)},
      {"phase", code(r.phase)},
      {"created_at", format_utc_iso(r.created_at)},
      {"updated_at", format_utc_iso(r.updated_at)},
  };
  if (r.issued_certificate) json["issued_certificate"] = to_base64(*r.issued_certificate);
  return json;
}

ApplicationRecord record_from_json(const nlohmann::json& json) {
  if (!json.is_object()) throw StoreError("record: not a JSON object");
  const nlohmann::json& version = member(json, "version");
  if (!version.is_number_integer() || version.get<int>() != kFormatVersion) {
    bad_key("version", "unsupported format version (this client reads version 1)");
  }
  ApplicationRecord r;
  r.business_no = string_member(json, "business_no", false);
  if (!is_valid_business_number(r.business_no)) bad_key("business_no", "not a business number");
  r.capability_token = string_member(json, "capability_token", false);
  r.service_url = string_member(json, "service_url", false);
  r.token_id = string_member(json, "token_id", false);
  r.old_certificate = base64_member(json, "old_certificate");
  try {
    r.new_key_id = from_hex(string_member(json, "new_key_id", false));
  } catch (const std::invalid_argument&) {
    bad_key("new_key_id", "is not valid hex");
  }
  const nlohmann::json& months = member(json, "period_months");
  if (!months.is_number_integer()) bad_key("period_months", "must be an integer");
  const auto month_count = months.get<long long>();
  if (month_count < 1 || month_count > 1200) bad_key("period_months", "out of range 1-1200");
  r.period_months = static_cast<int>(month_count);
  const auto business =
      protocol::parse_business_state(string_member(json, "business_state", false));
  if (!business) bad_key("business_state", "unknown state code");
  r.business_state = *business;
  const auto payment = protocol::parse_payment_state(string_member(json, "payment_state", false));
  if (!payment) bad_key("payment_state", "unknown state code");
  r.payment_state = *payment;
  const auto phase = parse_local_phase(string_member(json, "phase", false));
  if (!phase) bad_key("phase", "unknown phase");
  r.phase = *phase;
  if (json.contains("issued_certificate")) {
    r.issued_certificate = base64_member(json, "issued_certificate");
  }
  r.created_at = time_member(json, "created_at");
  r.updated_at = time_member(json, "updated_at");
  return r;
}

void check_record(const ApplicationRecord& record) {
  // One set of rules: whatever is written must read back.
  (void)record_from_json(record_to_json(record));
}

}  // namespace certrenew::client
