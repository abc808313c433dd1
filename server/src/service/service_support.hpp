#pragma once
// Pieces every use case of RenewalService shares: the states of a stored record, the errors
// they answer with, and times as the API writes them.

#include <string>

#include <nlohmann/json.hpp>

#include "certrenew/core/protocol/json_field.hpp"
#include "certrenew/core/protocol/states.hpp"
#include "service/api_error.hpp"
#include "storage/store.hpp"

namespace certrenew::server {

protocol::BusinessState business(const ApplicationRecord& r);
protocol::PaymentState payment(const ApplicationRecord& r);

// "yyyy-mm-ddThh:mm:ssZ" of stored Unix seconds (outside 0000..9999: the nearest end).
std::string iso_utc(std::int64_t unix_seconds);

// 409 invalid_state naming the action (a service catalogue id, "action.cancel") and where the
// application is.
ApiError invalid_state(const ApplicationRecord& r, std::string_view action_id);
// 400 `code` naming the field (details.field); the path is made of the decoder's own keys, so
// it never echoes the request.
ApiError malformed(const protocol::DecodeError& e, const std::string& code);
// A request body through its protocol decoder (requests.hpp); a problem is 400 malformed_json
// naming the field.
template <typename Decode>
auto decode_request(const nlohmann::json& body, Decode decode) -> decltype(decode(body)) {
  try {
    return decode(body);
  } catch (const protocol::DecodeError& e) {
    throw malformed(e, "malformed_json");
  }
}
ApiError no_such_application();

// An application's change stored with its line of history: `r` updated at the event's time.
void record_change(StoreTx& tx, ApplicationRecord& r, const EventRecord& event);

// A pending issuer job ("issue" or "revoke") for the application, first tried at `at`, added in
// the caller's transaction; returns the job's id.
std::int64_t queue_issuer_job(StoreTx& tx, std::int64_t application_id, const std::string& kind,
                              std::int64_t at);

}  // namespace certrenew::server
