#include "http/http_api.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

#include "certrenew/core/bytes.hpp"
#include "certrenew/core/protocol/application_answers.hpp"
#include "certrenew/core/protocol/back_office_answers.hpp"
#include "certrenew/core/protocol/json_field.hpp"
#include "certrenew/core/protocol/requests.hpp"
#include "certrenew/core/time/utc_time.hpp"
#include "http/gateway_callback.hpp"
#include "http/refusal.hpp"
#include "http/retry_after.hpp"
#include "service/api_error.hpp"
#include "service/service_support.hpp"
#include "service/service_text.hpp"

namespace certrenew::server {

using nlohmann::json;

namespace {

constexpr const char* kBusinessNo = R"((\d{17}))";

std::string bearer(const HttpRequest& req) {
  const std::string& h = req.header("authorization");
  static constexpr std::string_view prefix = "Bearer ";
  if (h.size() <= prefix.size() || h.compare(0, prefix.size(), prefix) != 0) return {};
  return h.substr(prefix.size());
}

std::string require_bearer(const HttpRequest& req) {
  std::string token = bearer(req);
  if (token.empty()) throw service_error(401, "unauthorized", "request.bearer_missing");
  return token;
}

json json_body(const HttpRequest& req) {
  const std::string& type = req.header("content-type");
  if (type.rfind("application/json", 0) != 0)
    throw service_error(415, "unsupported_media_type", "request.not_json");
  try {
    json j = protocol::parse_json(req.body);
    if (!j.is_object()) throw service_error(400, "malformed_json", "request.not_object");
    return j;
  } catch (const protocol::DecodeError& e) {
    throw malformed(e, "malformed_json");
  }
}

// Decodes a request body with its protocol decoder; a problem is 400 naming the field.
template <typename Decode>
auto decode_body(const HttpRequest& req, Decode decode) {
  return decode_request(json_body(req), decode);
}

// Runs a handler; ApiError becomes its JSON answer, anything else a 500 that says nothing inside.
template <typename F>
HttpHandler guarded(F f) {
  return [f](const HttpRequest& req) -> HttpAnswer {
    try {
      return f(req);
    } catch (const ApiError& e) {
      HttpAnswer a = json_answer(e.status(), e.to_json());
      set_retry_after(a, e);
      return a;
    } catch (const protocol::DecodeError& e) {  // a decoder the handler called itself
      return json_answer(400, malformed(e, "malformed_json").to_json());
    } catch (const std::exception& e) {
      spdlog::error("{} {}: {}", req.method, req.path, e.what());
      return refusal(500, "internal");
    }
  };
}

// An operator's action on the application the path names, answered 200 with what it returns:
// service.*action(business number, operator[, the request body decoded by `decode`]). The
// operator is authenticated before the body is read.
template <typename Action, typename... Decode>
HttpHandler operator_action(RenewalService& service, Action action, Decode... decode) {
  static_assert(sizeof...(Decode) <= 1, "at most one body decoder");
  return guarded([&service, action, decode...](const HttpRequest& req) {
    const Actor op = service.authenticate_operator(bearer(req), req.remote_address);
    return json_answer(
        200, protocol::encode((service.*action)(req.matches[1], op, decode_body(req, decode)...)));
  });
}

int query_int(const HttpRequest& req, const char* key, int fallback) {
  if (!req.has_param(key)) return fallback;
  try {
    std::size_t used = 0;
    int v = std::stoi(req.param(key), &used);
    if (used != req.param(key).size()) throw std::invalid_argument(key);
    return v;
  } catch (const std::exception&) {
    throw service_error(400, "bad_filter", "request.bad_page", {key});
  }
}

}  // namespace

void mount_api(Router& router, RenewalService& service, std::string public_base_url,
               std::chrono::seconds reported_clock_offset) {
  const std::string app = std::string("/api/v1/applications/") + kBusinessNo;
  const std::string admin_app = std::string("/api/v1/admin/applications/") + kBusinessNo;

  // Public: facts about the service, no personal data.
  router.get("/api/v1/info", guarded([&service, reported_clock_offset](const HttpRequest&) {
               protocol::ServiceInfo info = service.info();
               // The clock-offset test hook (serve --clock-offset-seconds, demo instances only).
               if (reported_clock_offset.count() != 0)
                 info.server_time =
                     info.server_time.plus(reported_clock_offset).value_or(info.server_time);
               return json_answer(200, protocol::encode(info));
             }));
  router.get("/api/v1/agreement", guarded([&](const HttpRequest& req) {
               const std::string language = req.has_param("lang") ? req.param("lang") : "zh-CN";
               return json_answer(200, protocol::encode(service.agreement(language)));
             }));
  router.get("/api/v1/fees", guarded([&](const HttpRequest&) {
               return json_answer(200, protocol::encode(service.fees()));
             }));

  // Applicant: the signed application proves possession of the old key; the capability token
  // it returns authorises everything after.
  router.post("/api/v1/applications", guarded([&](const HttpRequest& req) {
                const Bytes der =
                    decode_body(req, protocol::decode_submit_request).signed_application;
                Submission s = service.submit(der);
                return json_answer(s.created ? 201 : 200,
                                   {{"capability_token", s.capability_token},
                                    {"application", protocol::encode(s.application)}});
              }));
  router.get(app, guarded([&](const HttpRequest& req) {
               return json_answer(
                   200, protocol::encode(service.status(req.matches[1], require_bearer(req))));
             }));
  router.post(app + "/cancel", guarded([&](const HttpRequest& req) {
                return json_answer(
                    200, protocol::encode(service.cancel(req.matches[1], require_bearer(req))));
              }));
  router.put(app + "/bank-transfers", guarded([&](const HttpRequest& req) {
               std::string token = require_bearer(req);
               const auto request = decode_body(req, protocol::decode_bank_transfers_request);
               return json_answer(200, protocol::encode(service.save_bank_transfers(
                                           req.matches[1], token, request)));
             }));
  router.post(app + "/online-payments",
              guarded([&service, public_base_url](const HttpRequest& req) {
                return json_answer(201, protocol::encode(service.start_online_payment(
                                            req.matches[1], require_bearer(req), public_base_url)));
              }));
  router.get(app + "/certificate", guarded([&](const HttpRequest& req) {
               return json_answer(
                   200, protocol::encode(service.certificate(req.matches[1], require_bearer(req))));
             }));
  router.post(app + "/installed", guarded([&](const HttpRequest& req) {
                return json_answer(200, protocol::encode(service.confirm_installed(
                                            req.matches[1], require_bearer(req))));
              }));

  // Gateway: a notification counts only with a valid signature.
  router.post("/api/v1/payments/notify", guarded([&](const HttpRequest& req) {
                return json_answer(
                    200, protocol::encode(service.payment_notification(gateway_callback(req))));
              }));

  // Operators.
  router.get("/api/v1/admin/applications", guarded([&](const HttpRequest& req) {
               service.authenticate_operator(bearer(req), req.remote_address);
               return json_answer(200,
                                  protocol::encode(service.admin_list(
                                      req.has_param("state") ? req.param("state") : "",
                                      query_int(req, "limit", 50), query_int(req, "offset", 0))));
             }));
  router.get(admin_app, guarded([&](const HttpRequest& req) {
               service.authenticate_operator(bearer(req), req.remote_address);
               return json_answer(200, protocol::encode(service.admin_show(req.matches[1])));
             }));
  router.post(admin_app + "/reveal-id",
              operator_action(service, &RenewalService::reveal_id_number));
  router.post(admin_app + "/confirm-payment",
              operator_action(service, &RenewalService::admin_confirm_payment));
  router.post(admin_app + "/approve", operator_action(service, &RenewalService::admin_approve));
  router.post(admin_app + "/reject", operator_action(service, &RenewalService::admin_reject,
                                                     protocol::decode_reject_request));
  // Issue 21: the KMC's escrowed encryption keys of the application's holder; key recovery.
  router.get(admin_app + "/escrowed-keys",
             operator_action(service, &RenewalService::admin_escrowed_keys));
  router.post(admin_app + "/recover-encryption-key",
              operator_action(service, &RenewalService::admin_recover_encryption_key,
                              protocol::decode_recover_key_request));
}

}  // namespace certrenew::server
