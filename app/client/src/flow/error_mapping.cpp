#include "error_mapping.hpp"

#include <string>

#include "flow_text.hpp"

namespace certrenew::client {

using K = FlowError::Kind;

FlowError token_locked_error() {
  return FlowError(K::pin_locked, flow_error("token.locked"));
}

FlowError from_token_error(const token::TokenError& e) {
  using token::TokenErrc;
  switch (e.code()) {
    case TokenErrc::pin_incorrect: {
      auto left = e.retries_left();
      if (left && *left == 0) return token_locked_error().with_retries(0);
      const Text how_many = !left        ? flow_error("pin.tries_unknown")
                            : *left == 1 ? flow_error("pin.last_try")
                                         : flow_error("pin.tries_left", *left);
      return FlowError(K::pin_incorrect, flow_error("pin.incorrect") + how_many).with_retries(left);
    }
    case TokenErrc::pin_locked:
      return token_locked_error().with_retries(0);
    case TokenErrc::pin_invalid:
      return FlowError(K::pin_invalid, flow_error("pin.invalid"));
    case TokenErrc::token_not_present:
      return FlowError(K::token_missing, flow_error("token.missing"));
    default:
      return FlowError(K::token_failure, flow_error("token.failure", e.what()));
  }
}

FlowError from_service_error(const ServiceError& e) {
  using SK = ServiceError::Kind;
  switch (e.kind()) {
    case SK::http:
      break;
    case SK::tls:
      return FlowError(K::service_unreachable, flow_error("service.tls", e.what()))
          .with_detail(e.what());
    case SK::bad_endpoint:
      return FlowError(K::service_unreachable, flow_error("service.bad_endpoint", e.what()))
          .with_detail(e.what());
    default:
      return FlowError(K::service_unreachable, flow_error("service.unreachable", e.what()))
          .with_detail(e.what());
  }
  const std::string& code = e.code();
  // The service's own Chinese, or a sentence of ours: never its English in the Chinese message.
  std::string zh =
      !e.message_zh().empty() ? e.message_zh() : flow_error("service.refused", e.http_status()).zh;
  FlowError out(K::service_refused, e.what(), zh);
  if (code == "certificate_expired")
    out = FlowError(K::expired, e.what(), zh);
  else if (code == "renewal_window_not_open")
    out = FlowError(K::too_early, e.what(), zh);
  else if (code == "already_renewed") {
    const auto& d = e.details();
    const std::string no =
        d.is_object() && d.contains("business_no") && d["business_no"].is_string()
            ? d["business_no"].get<std::string>()
            : std::string("?");
    out = FlowError(K::already_renewed, flow_error("certificate.renewed", no));
    out.with_detail(no);
  } else if (code == "application_open") {
    out = FlowError(K::application_open, e.what(), zh);
    const auto& d = e.details();
    if (d.is_object() && d.contains("business_no") && d["business_no"].is_string())
      out.with_detail(d["business_no"].get<std::string>());
  } else if (code == "validation_failed") {
    std::vector<FieldProblem> problems;
    const auto& d = e.details();
    if (d.is_object() && d.contains("fields") && d["fields"].is_array())
      for (const auto& f : d["fields"])
        problems.push_back({f.value("field", ""), f.value("reason", ""), f.value("message", ""),
                            f.value("message_zh", "")});
    out = FlowError(K::form_invalid, e.what(), zh);
    out.with_problems(std::move(problems));
  }
  out.with_service_code(code);
  return out;
}

bool is_definite_refusal(const ServiceError& e) {
  return e.kind() == ServiceError::Kind::http && e.http_status() >= 400 && e.http_status() < 500 &&
         !e.code().empty();
}

FlowError submission_kept_error(const ServiceError& e) {
  return FlowError(K::service_unreachable, flow_error("submission.kept", e.what()))
      .with_detail(e.what());
}

FlowError with_key_kept(const FlowError& e) {
  FlowError out(e.kind(), Text{e.message_zh(), e.message_en()} + flow_error("key.kept"));
  out.with_retries(e.retries_left()).with_service_code(e.service_code()).with_detail(e.detail());
  out.with_problems(e.problems());
  return out;
}

}  // namespace certrenew::client
