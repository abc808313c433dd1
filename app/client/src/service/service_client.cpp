#include "certrenew/client/service/service_client.hpp"

#include <thread>

#include "service/curl_transfer.hpp"

namespace certrenew::client {

using nlohmann::json;

ServiceClient::ServiceClient(ServiceEndpoint endpoint) : endpoint_(std::move(endpoint)) {
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
    x.body = body->dump();
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
      r = detail::perform(x);
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
    json answer = json::parse(r.body, nullptr, false);
    if (r.status >= 200 && r.status < 300) {
      if (answer.is_discarded() || !answer.is_object())
        throw ServiceError(ServiceError::Kind::protocol,
                           "the service's answer is not a JSON object", static_cast<int>(r.status));
      return answer;
    }
    if (answer.is_object() && answer.contains("error") && answer["error"].is_object()) {
      const json& e = answer["error"];
      throw ServiceError(ServiceError::Kind::http,
                         e.value("message", std::string("the service refused")),
                         static_cast<int>(r.status), e.value("code", std::string()),
                         e.value("message_zh", std::string()), e.value("details", json()));
    }
    throw ServiceError(ServiceError::Kind::http,
                       "the service answered HTTP " + std::to_string(r.status),
                       static_cast<int>(r.status));
  }
}

json ServiceClient::info() {
  return call("GET", "/api/v1/info", nullptr, "", true);
}
json ServiceClient::agreement(const std::string& language) {
  return call("GET", "/api/v1/agreement?lang=" + language, nullptr, "", true);
}
json ServiceClient::fees() {
  return call("GET", "/api/v1/fees", nullptr, "", true);
}

json ServiceClient::submit(ByteView signed_application) {
  json body = {{"signed_application", to_base64(signed_application)}};
  return call("POST", "/api/v1/applications", &body, "", true);  // the server deduplicates it
}

json ServiceClient::status(const std::string& no, const std::string& cap) {
  return call("GET", "/api/v1/applications/" + no, nullptr, cap, true);
}
json ServiceClient::cancel(const std::string& no, const std::string& cap) {
  return call("POST", "/api/v1/applications/" + no + "/cancel", nullptr, cap, false);
}
json ServiceClient::save_bank_transfers(const std::string& no, const std::string& cap,
                                        const json& records) {
  json body = {{"records", records}};
  return call("PUT", "/api/v1/applications/" + no + "/bank-transfers", &body, cap, true);
}
json ServiceClient::start_online_payment(const std::string& no, const std::string& cap) {
  return call("POST", "/api/v1/applications/" + no + "/online-payments", nullptr, cap, false);
}
json ServiceClient::certificate(const std::string& no, const std::string& cap) {
  return call("GET", "/api/v1/applications/" + no + "/certificate", nullptr, cap, true);
}
json ServiceClient::confirm_installed(const std::string& no, const std::string& cap) {
  return call("POST", "/api/v1/applications/" + no + "/installed", nullptr, cap, true);
}

}  // namespace certrenew::client
