#include "http/http_api.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

#include "certrenew/core/bytes.hpp"
#include "certrenew/core/protocol/json_field.hpp"
#include "certrenew/core/protocol/requests.hpp"
#include "certrenew/core/time/utc_time.hpp"
#include "http/gateway_callback.hpp"
#include "http/retry_after.hpp"
#include "service/api_error.hpp"
#include "service/service_support.hpp"

namespace certrenew::server {

using nlohmann::json;

namespace {

constexpr const char* kJson = "application/json; charset=utf-8";
constexpr const char* kBusinessNo = R"((\d{17}))";

void send(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(protocol::encode_json(body), kJson);  // cannot throw on odd bytes
}

std::string bearer(const httplib::Request& req) {
  const std::string h = req.get_header_value("Authorization");
  static constexpr std::string_view prefix = "Bearer ";
  if (h.size() <= prefix.size() || h.compare(0, prefix.size(), prefix) != 0) return {};
  return h.substr(prefix.size());
}

std::string require_bearer(const httplib::Request& req) {
  std::string token = bearer(req);
  if (token.empty())
    throw ApiError(401, "unauthorized", "an Authorization: Bearer token is required",
                   "缺少访问凭据");
  return token;
}

json json_body(const httplib::Request& req) {
  const std::string type = req.get_header_value("Content-Type");
  if (type.rfind("application/json", 0) != 0)
    throw ApiError(415, "unsupported_media_type", "the body must be application/json",
                   "请求体必须是 JSON");
  try {
    json j = protocol::parse_json(req.body);
    if (!j.is_object())
      throw ApiError(400, "malformed_json", "the body must be a JSON object",
                     "请求体必须是 JSON 对象");
    return j;
  } catch (const protocol::DecodeError& e) {
    throw malformed(e, "malformed_json");
  }
}

// Decodes a request body with its protocol decoder; a problem is 400 naming the field.
template <typename Decode>
auto decode_body(const httplib::Request& req, Decode decode) {
  const json body = json_body(req);
  try {
    return decode(body);
  } catch (const protocol::DecodeError& e) {
    throw malformed(e, "malformed_json");
  }
}

// Runs a handler; ApiError becomes its JSON answer, anything else a 500 that says nothing inside.
template <typename F>
httplib::Server::Handler guarded(F f) {
  return [f](const httplib::Request& req, httplib::Response& res) {
    try {
      f(req, res);
    } catch (const ApiError& e) {
      send(res, e.status(), e.to_json());
      set_retry_after(res, e);
    } catch (const protocol::DecodeError& e) {  // a decoder the handler called itself
      send(res, 400, malformed(e, "malformed_json").to_json());
    } catch (const std::exception& e) {
      spdlog::error("{} {}: {}", req.method, req.path, e.what());
      send(res, 500,
           ApiError(500, "internal", "the service failed; try again later",
                    "服务内部错误，请稍后重试")
               .to_json());
    }
  };
}

int query_int(const httplib::Request& req, const char* key, int fallback) {
  if (!req.has_param(key)) return fallback;
  try {
    std::size_t used = 0;
    int v = std::stoi(req.get_param_value(key), &used);
    if (used != req.get_param_value(key).size()) throw std::invalid_argument(key);
    return v;
  } catch (const std::exception&) {
    throw ApiError(400, "bad_filter", std::string(key) + " must be a whole number", "分页参数错误");
  }
}

// "YYYY-MM-DDThh:mm:ssZ" moved by `offset`, for the clock-offset test hook.
std::string shifted_time(const std::string& iso, std::chrono::seconds offset) {
  const auto t = UtcTime::parse(iso);
  const auto shifted = t ? t->plus(offset) : std::nullopt;
  return shifted ? shifted->iso() : iso;
}

}  // namespace

void mount_api(httplib::Server& server, RenewalService& service, std::string public_base_url,
               std::chrono::seconds reported_clock_offset) {
  const std::string app = std::string("/api/v1/applications/") + kBusinessNo;
  const std::string admin_app = std::string("/api/v1/admin/applications/") + kBusinessNo;

  // Public: facts about the service, no personal data.
  server.Get("/api/v1/info", guarded([&service, reported_clock_offset](const auto&, auto& res) {
               json info = service.info();
               if (reported_clock_offset.count() != 0)
                 info["server_time"] =
                     shifted_time(info["server_time"].get<std::string>(), reported_clock_offset);
               send(res, 200, info);
             }));
  server.Get(
      "/api/v1/agreement", guarded([&](const auto& req, auto& res) {
        send(res, 200,
             service.agreement(req.has_param("lang") ? req.get_param_value("lang") : "zh-CN"));
      }));
  server.Get("/api/v1/fees",
             guarded([&](const auto&, auto& res) { send(res, 200, service.fees()); }));

  // Applicant: the signed application proves possession of the old key; the capability token
  // it returns authorises everything after.
  server.Post("/api/v1/applications", guarded([&](const auto& req, auto& res) {
                const Bytes der =
                    decode_body(req, protocol::decode_submit_request).signed_application;
                Submission s = service.submit(der);
                send(res, s.created ? 201 : 200,
                     {{"capability_token", s.capability_token}, {"application", s.application}});
              }));
  server.Get(app, guarded([&](const auto& req, auto& res) {
               send(res, 200, service.status(req.matches[1], require_bearer(req)));
             }));
  server.Post(app + "/cancel", guarded([&](const auto& req, auto& res) {
                send(res, 200, service.cancel(req.matches[1], require_bearer(req)));
              }));
  server.Put(app + "/bank-transfers", guarded([&](const auto& req, auto& res) {
               std::string token = require_bearer(req);
               const auto request = decode_body(req, protocol::decode_bank_transfers_request);
               send(res, 200, service.save_bank_transfers(req.matches[1], token, request));
             }));
  server.Post(
      app + "/online-payments", guarded([&service, public_base_url](const auto& req, auto& res) {
        send(res, 201,
             service.start_online_payment(req.matches[1], require_bearer(req), public_base_url));
      }));
  server.Get(app + "/certificate", guarded([&](const auto& req, auto& res) {
               send(res, 200, service.certificate(req.matches[1], require_bearer(req)));
             }));
  server.Post(app + "/installed", guarded([&](const auto& req, auto& res) {
                send(res, 200, service.confirm_installed(req.matches[1], require_bearer(req)));
              }));

  // Gateway: a notification counts only with a valid signature.
  server.Post("/api/v1/payments/notify", guarded([&](const auto& req, auto& res) {
                send(res, 200, service.payment_notification(gateway_callback(req)));
              }));

  // Operators.
  server.Get("/api/v1/admin/applications", guarded([&](const auto& req, auto& res) {
               service.authenticate_operator(bearer(req), req.remote_addr);
               send(res, 200,
                    service.admin_list(req.has_param("state") ? req.get_param_value("state") : "",
                                       query_int(req, "limit", 50), query_int(req, "offset", 0)));
             }));
  server.Get(admin_app, guarded([&](const auto& req, auto& res) {
               service.authenticate_operator(bearer(req), req.remote_addr);
               send(res, 200, service.admin_show(req.matches[1]));
             }));
  server.Post(admin_app + "/confirm-payment", guarded([&](const auto& req, auto& res) {
                Actor op = service.authenticate_operator(bearer(req), req.remote_addr);
                send(res, 200, service.admin_confirm_payment(req.matches[1], op));
              }));
  server.Post(admin_app + "/approve", guarded([&](const auto& req, auto& res) {
                Actor op = service.authenticate_operator(bearer(req), req.remote_addr);
                send(res, 200, service.admin_approve(req.matches[1], op));
              }));
  server.Post(admin_app + "/reject", guarded([&](const auto& req, auto& res) {
                Actor op = service.authenticate_operator(bearer(req), req.remote_addr);
                const auto request = decode_body(req, protocol::decode_reject_request);
                send(res, 200, service.admin_reject(req.matches[1], op, request));
              }));

  // Answers httplib produces by itself (404 route, 413 body too large) as JSON errors too.
  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    std::string code = res.status == 404   ? "no_such_endpoint"
                       : res.status == 413 ? "payload_too_large"
                                           : "http_" + std::to_string(res.status);
    send(res, res.status,
         ApiError(res.status, code, "the request was refused: " + code, "请求被拒绝").to_json());
  });

  // One line per request; never bodies, never tokens.
  server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    spdlog::info("{} {} {}", req.method, req.path, res.status);
  });
}

}  // namespace certrenew::server
