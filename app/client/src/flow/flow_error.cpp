#include "certrenew/client/flow/flow_error.hpp"

namespace certrenew::client {

const std::string& FlowError::message(Language language) const {
  return language == Language::en ? en_ : message_zh_;
}

FlowError& FlowError::with_retries(std::optional<int> retries) {
  retries_left_ = retries;
  return *this;
}
FlowError& FlowError::with_service_code(std::string code) {
  service_code_ = std::move(code);
  return *this;
}
FlowError& FlowError::with_detail(std::string detail) {
  detail_ = std::move(detail);
  return *this;
}
FlowError& FlowError::with_problems(std::vector<FieldProblem> problems) {
  problems_ = std::move(problems);
  return *this;
}

std::string_view code(FlowError::Kind kind) {
  using K = FlowError::Kind;
  switch (kind) {
    case K::wrong_step:
      return "wrong_step";
    case K::certificate_not_found:
      return "certificate_not_found";
    case K::ambiguous_certificate:
      return "ambiguous_certificate";
    case K::expired:
      return "expired";
    case K::not_yet_valid:
      return "not_yet_valid";
    case K::too_early:
      return "too_early";
    case K::application_open:
      return "application_open";
    case K::agreement_not_accepted:
      return "agreement_not_accepted";
    case K::form_invalid:
      return "form_invalid";
    case K::token_missing:
      return "token_missing";
    case K::key_missing:
      return "key_missing";
    case K::pin_invalid:
      return "pin_invalid";
    case K::pin_incorrect:
      return "pin_incorrect";
    case K::pin_locked:
      return "pin_locked";
    case K::token_failure:
      return "token_failure";
    case K::service_unreachable:
      return "service_unreachable";
    case K::service_refused:
      return "service_refused";
    case K::certificate_rejected:
      return "certificate_rejected";
    case K::application_rejected:
      return "application_rejected";
    case K::application_cancelled:
      return "application_cancelled";
    case K::not_ready:
      return "not_ready";
    case K::local_store:
      return "local_store";
    case K::already_renewed:
      return "already_renewed";
  }
  return "unknown";
}

}  // namespace certrenew::client
