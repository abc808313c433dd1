#include "certrenew/client/service/service_client.hpp"

#include <thread>

#include "certrenew/core/protocol/json_field.hpp"
#include "certrenew/core/protocol/requests.hpp"
#include "service/curl_transfer.hpp"

namespace certrenew::client {

using nlohmann::json;

ServiceClient::ServiceClient(ServiceEndpoint endpoint)
    : endpoint_(std::move(endpoint)), connection_(std::make_shared<detail::CurlConnection>()) {
  if (endpoint_.base_url.rfind("https://", 0) != 0)
    throw ServiceError(ServiceError::Kind::bad_endpoint,
                       "the service URL must start with https:// (got " + endpoint_.base_url + ")");
  while (!endpoint_.base_url.empty() && endpoint_.base_url.back() == '/')
    endpoint_.base_url.pop_back();
  if (!endpoint_.trust_file.empty() && !std::filesystem::is_regular_file(endpoint_.trust_file))
    throw ServiceError(
        ServiceError::Kind::bad_endpoint,
        "the service's trust file " + endpoint_.trust_file.string() + " does not exist");
}

json ServiceClient::call(const char* method, const std::string& path, const json* body,
                         const std::string& bearer, bool repeatable) {
  detail::HttpExchange x;
  x.method = method;
  x.url = endpoint_.base_url + path;
  if (body)
    x.body = protocol::encode_json(*body);
  else if (x.method != "GET")
    x.body = "{}";
  if (!bearer.empty()) x.headers.push_back("Authorization: Bearer " + bearer);
  x.trust_file = endpoint_.trust_file;
  x.connect_timeout = endpoint_.connect_timeout;
  x.request_timeout = endpoint_.request_timeout;

  const int attempts = repeatable ? 1 + endpoint_.retries : 1;
  for (int attempt = 1;; ++attempt) {
    detail::HttpResult r;
    try {
      r = connection_->perform(x);
    } catch (const ServiceError& e) {
      // A TLS or DNS failure will not mend itself in a second; connection trouble may.
      bool transient =
          e.kind() == ServiceError::Kind::connect || e.kind() == ServiceError::Kind::timeout;
      if (!transient || attempt >= attempts) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(200 << attempt));
      continue;
    }
    bool overloaded = r.status == 502 || r.status == 503 || r.status == 504;
    if (overloaded && attempt < attempts) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200 << attempt));
      continue;
    }
    json answer;
    try {
      answer = protocol::parse_json(r.body);
    } catch (const protocol::DecodeError&) {
      answer = nullptr;  // not JSON: said below, by status
    }
    if (r.status >= 200 && r.status < 300) {
      if (!answer.is_object())
        throw ServiceError(ServiceError::Kind::protocol,
                           "the service's answer is not a JSON object", static_cast<int>(r.status));
      return answer;
    }
    throw error_from_answer(static_cast<int>(r.status), answer);
  }
}

ServiceInfo ServiceClient::info() {
  return parse_service_info(call("GET", "/api/v1/info", nullptr, "", true));
}
AgreementText ServiceClient::agreement(const std::string& language) {
  return parse_agreement(call("GET", "/api/v1/agreement?lang=" + language, nullptr, "", true));
}
FeeSchedule ServiceClient::fees() {
  return parse_fee_schedule(call("GET", "/api/v1/fees", nullptr, "", true));
}

SubmitAnswer ServiceClient::submit(ByteView signed_application) {
  const json body = protocol::encode(
      protocol::SubmitRequest{Bytes(signed_application.begin(), signed_application.end())});
  // The server deduplicates it: safe to repeat.
  return parse_submit_answer(call("POST", "/api/v1/applications", &body, "", true));
}

ApplicationView ServiceClient::status(const std::string& no, const std::string& cap) {
  return parse_application_view(call("GET", "/api/v1/applications/" + no, nullptr, cap, true));
}
ApplicationView ServiceClient::cancel(const std::string& no, const std::string& cap) {
  return parse_application_view(
      call("POST", "/api/v1/applications/" + no + "/cancel", nullptr, cap, false));
}
ApplicationView ServiceClient::save_bank_transfers(const std::string& no, const std::string& cap,
                                                   const std::vector<BankTransferRecord>& records) {
  const json body = protocol::encode(protocol::BankTransfersRequest{records});
  return parse_application_view(
      call("PUT", "/api/v1/applications/" + no + "/bank-transfers", &body, cap, true));
}
OnlinePayment ServiceClient::start_online_payment(const std::string& no, const std::string& cap) {
  return parse_online_payment(
      call("POST", "/api/v1/applications/" + no + "/online-payments", nullptr, cap, false));
}
CertificateDownload ServiceClient::certificate(const std::string& no, const std::string& cap) {
  return parse_certificate_download(
      call("GET", "/api/v1/applications/" + no + "/certificate", nullptr, cap, true));
}
ApplicationView ServiceClient::confirm_installed(const std::string& no, const std::string& cap) {
  return parse_application_view(
      call("POST", "/api/v1/applications/" + no + "/installed", nullptr, cap, true));
}

}  // namespace certrenew::client
