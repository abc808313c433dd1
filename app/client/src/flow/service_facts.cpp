// Parsing the service's answers through core/protocol's strict decoder. Every problem names the
// field path it found, so a service that speaks another protocol version is reported as exactly
// that, not as a crash somewhere in a screen.
#include "certrenew/client/flow/service_facts.hpp"

#include "certrenew/client/service/service_api.hpp"
#include "certrenew/client/service/service_client.hpp"
#include "certrenew/core/protocol/json_field.hpp"
#include "certrenew/core/protocol/public_answers.hpp"

namespace certrenew::client {
namespace {

using nlohmann::json;
using protocol::Field;

// Runs a decoder; its DecodeError becomes the client's own error.
template <typename F>
auto decoded(F decode) -> decltype(decode()) {
  try {
    return decode();
  } catch (const protocol::DecodeError& e) {
    throw ServiceError(
        ServiceError::Kind::protocol,
        "the service's answer does not follow the protocol: " + std::string(e.what()));
  }
}

// A record as the service shows it (amount_fen) or as a person writes it (amount in yuan).
BankTransferRecord parse_transfer(const Field& f) {
  if (f.raw().is_object() && f.raw().contains("amount_fen"))
    return protocol::decode_recorded_transfer(f).as_request();
  return protocol::decode_bank_transfer_record(f);
}

}  // namespace

ServiceInfo parse_service_info(const json& j) {
  return decoded([&] { return protocol::decode_service_info(j); });
}

AgreementText parse_agreement(const json& j) {
  return decoded([&] { return protocol::decode_agreement_text(j); });
}

FeeSchedule parse_fee_schedule(const json& j) {
  return decoded([&] { return protocol::decode_fee_schedule(j); });
}

BankTransferRecord bank_transfer_from_json(const json& j) {
  return decoded([&] { return parse_transfer(Field(j)); });
}

ApplicationView parse_application_view(const json& j) {
  return decoded([&] { return protocol::decode_application_view(Field(j)); });
}

OnlinePayment parse_online_payment(const json& j) {
  return decoded([&] { return protocol::decode_online_payment(Field(j)); });
}

SubmitAnswer parse_submit_answer(const json& j) {
  const std::string token = decoded([&] { return Field(j).at("capability_token").text(1024); });
  const json* application = j.is_object() && j.contains("application") ? &j.at("application") : &j;
  return {token, parse_application_view(*application)};
}

CertificateDownload parse_certificate_download(const json& j) {
  return decoded([&] { return protocol::decode_certificate_download(Field(j)); });
}

ServiceError error_from_answer(int http_status, const json& answer) {
  const std::string fallback = "the service answered HTTP " + std::to_string(http_status);
  try {
    protocol::ErrorAnswer e = protocol::decode_error_answer(answer);
    return ServiceError(ServiceError::Kind::http, e.message, http_status, e.code, e.message_zh,
                        e.details);
  } catch (const protocol::DecodeError&) {
    // Not the API's error shape: keep what is certain, the status and a usable code if any.
    std::string code;
    if (answer.is_object() && answer.contains("error") && answer["error"].is_object() &&
        answer["error"].contains("code") && answer["error"]["code"].is_string() &&
        protocol::is_valid_utf8(answer["error"]["code"].get_ref<const std::string&>()))
      code = answer["error"]["code"].get<std::string>();
    return ServiceError(ServiceError::Kind::http, fallback, http_status, code);
  }
}

}  // namespace certrenew::client
