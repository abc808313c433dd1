#include "certrenew/client/store/application_record.hpp"

#include <array>
#include <stdexcept>
#include <utility>

#include "certrenew/core/forms/business_number.hpp"
#include "certrenew/core/lookup_table.hpp"
#include "certrenew/core/protocol/json_field.hpp"
#include "certrenew/core/protocol/requests.hpp"
#include "certrenew/core/time/utc_time.hpp"

namespace certrenew::client {

namespace {

constexpr int kFormatVersion = 1;

constexpr auto kPhaseCodes = std::to_array<std::pair<LocalPhase, std::string_view>>({
    {LocalPhase::applied, "applied"},
    {LocalPhase::paying, "paying"},
    {LocalPhase::waiting_review, "waiting_review"},
    {LocalPhase::installing_written, "installing_written"},
    {LocalPhase::completed, "completed"},
    {LocalPhase::cancelled, "cancelled"},
});

[[noreturn]] void bad_record_key(std::string_view key, std::string_view problem) {
  throw StoreError("record key '" + std::string(key) + "': " + std::string(problem));
}

// The record's fields through the protocol's strict decoder; its problems become StoreError.
std::string text_field(const protocol::Field& record, std::string_view key) {
  std::string text = record.at(key).text();
  if (text.empty()) bad_record_key(key, "must not be empty");
  return text;
}

}  // namespace

std::string_view code(LocalPhase phase) {
  if (const auto text = lookup(kPhaseCodes, phase)) return *text;
  throw std::invalid_argument("unknown LocalPhase value");
}

std::optional<LocalPhase> parse_local_phase(std::string_view text) {
  return lookup_key(kPhaseCodes, text);
}

bool is_valid_business_number(std::string_view text) {
  // parse_business_number() forgives surrounding white space; a file name must not.
  return text.size() == 17 && forms::parse_business_number(text).ok();
}

std::string format_utc_iso(std::chrono::sys_seconds t) {
  const auto time = UtcTime::from(t);
  return time ? time->iso() : std::string();  // outside 0000..9999: nothing sensible to write
}

std::optional<std::chrono::sys_seconds> parse_utc_iso(std::string_view text) {
  const auto time = UtcTime::parse(text);
  if (!time) return std::nullopt;
  return time->sys_seconds();
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
  try {
    const protocol::Field f(json);
    if (f.at("version").integer(0, 1'000'000) != kFormatVersion)
      bad_record_key("version", "unsupported format version (this client reads version 1)");
    ApplicationRecord r;
    r.business_no = text_field(f, "business_no");
    if (!is_valid_business_number(r.business_no))
      bad_record_key("business_no", "not a business number");
    r.capability_token = text_field(f, "capability_token");
    r.service_url = text_field(f, "service_url");
    r.token_id = text_field(f, "token_id");
    r.old_certificate = f.at("old_certificate").base64();
    try {
      r.new_key_id = from_hex(text_field(f, "new_key_id"));
    } catch (const std::invalid_argument&) {
      bad_record_key("new_key_id", "is not valid hex");
    }
    r.period_months = f.at("period_months").small_integer(1, protocol::kMaxPeriodMonths);
    const auto business = protocol::parse_business_state(text_field(f, "business_state"));
    if (!business) bad_record_key("business_state", "unknown state code");
    r.business_state = *business;
    const auto payment = protocol::parse_payment_state(text_field(f, "payment_state"));
    if (!payment) bad_record_key("payment_state", "unknown state code");
    r.payment_state = *payment;
    const auto phase = parse_local_phase(text_field(f, "phase"));
    if (!phase) bad_record_key("phase", "unknown phase");
    r.phase = *phase;
    if (auto issued = f.find("issued_certificate")) r.issued_certificate = issued->base64();
    r.created_at = f.at("created_at").time().sys_seconds();
    r.updated_at = f.at("updated_at").time().sys_seconds();
    return r;
  } catch (const protocol::DecodeError& e) {
    bad_record_key(e.path(), e.problem());
  }
}

void check_record(const ApplicationRecord& record) {
  // One set of rules: whatever is written must read back.
  (void)record_from_json(record_to_json(record));
}

}  // namespace certrenew::client
