#include "service/service_support.hpp"

#include "certrenew/core/time/utc_time.hpp"

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

json state_json(BusinessState s) {
  return {
      {"code", protocol::code(s)}, {"zh", protocol::label_zh(s)}, {"en", protocol::label_en(s)}};
}

json state_json(PaymentState s) {
  return {
      {"code", protocol::code(s)}, {"zh", protocol::label_zh(s)}, {"en", protocol::label_en(s)}};
}

std::string iso_utc(std::int64_t unix_seconds) {
  const auto t = UtcTime::from_unix(unix_seconds);
  if (t) return t->iso();
  return (unix_seconds < 0 ? *UtcTime::from_unix(UtcTime::kMinUnix)
                           : *UtcTime::from_unix(UtcTime::kMaxUnix))
      .iso();
}

ApiError bad_request(const std::string& code, const std::string& en, const std::string& zh) {
  return ApiError(400, code, en, zh);
}

ApiError invalid_state(const ApplicationRecord& r, const std::string& action_en,
                       const std::string& action_zh) {
  auto s = business(r);
  auto p = payment(r);
  return ApiError(409, "invalid_state",
                  "cannot " + action_en + " while the application is " +
                      std::string(protocol::label_en(s)) + " / " +
                      std::string(protocol::label_en(p)),
                  "申请当前状态为" + std::string(protocol::label_zh(s)) + "/" +
                      std::string(protocol::label_zh(p)) + "，不能" + action_zh);
}

ApiError malformed(const protocol::DecodeError& e, const std::string& code) {
  json details = nullptr;
  if (!e.path().empty()) details = {{"field", e.path()}};
  return ApiError(400, code, e.what(),
                  e.path().empty() ? "请求内容格式错误" : "请求内容格式错误：" + e.path(), details);
}

ApiError no_such_application() {
  return ApiError(404, "not_found", "no such application", "未找到该申请");
}

}  // namespace certrenew::server
