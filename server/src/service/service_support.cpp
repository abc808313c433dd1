#include "service/service_support.hpp"

#include "certrenew/core/time/utc_time.hpp"
#include "service/service_text.hpp"

namespace certrenew::server {

using nlohmann::json;
using protocol::BusinessState;
using protocol::PaymentState;

BusinessState business(const ApplicationRecord& r) {
  return *protocol::parse_business_state(r.state);
}

PaymentState payment(const ApplicationRecord& r) {
  return *protocol::parse_payment_state(r.payment_state);
}

std::string iso_utc(std::int64_t unix_seconds) {
  const auto t = UtcTime::from_unix(unix_seconds);
  if (t) return t->iso();
  return (unix_seconds < 0 ? *UtcTime::from_unix(UtcTime::kMinUnix)
                           : *UtcTime::from_unix(UtcTime::kMaxUnix))
      .iso();
}

ApiError invalid_state(const ApplicationRecord& r, std::string_view action_id) {
  const Text action = service_text(action_id);
  const CatalogueEntry& sentence = service_catalogue().at("application.invalid_state");
  auto s = business(r);
  auto p = payment(r);
  // Each language's sentence with its own words for the action and the states.
  return ApiError(
      409, "invalid_state",
      fill_text(sentence.en, {action.en, protocol::label_en(s), protocol::label_en(p)}),
      fill_text(sentence.zh, {action.zh, protocol::label_zh(s), protocol::label_zh(p)}));
}

ApiError malformed(const protocol::DecodeError& e, const std::string& code) {
  json details = nullptr;
  if (!e.path().empty()) details = {{"field", e.path()}};
  // The English sentence is the decoder's own (it names the path and the problem).
  const Text zh = e.path().empty() ? service_text("request.malformed")
                                   : service_text("request.malformed_at", {e.path()});
  return ApiError(400, code, e.what(), zh.zh, details);
}

ApiError no_such_application() {
  return service_error(404, "not_found", "application.not_found");
}

void record_change(StoreTx& tx, ApplicationRecord& r, const EventRecord& event) {
  r.updated_at = event.at;
  tx.update_application(r);
  tx.append_event(r.id, event);
}

std::int64_t queue_issuer_job(StoreTx& tx, std::int64_t application_id, const std::string& kind,
                              std::int64_t at) {
  return tx.add_issuer_job(pending_issuer_job(application_id, kind, at));
}

}  // namespace certrenew::server
