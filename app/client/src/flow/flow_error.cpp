#include "certrenew/client/flow/flow_error.hpp"

#include <array>
#include <utility>

#include "certrenew/core/lookup_table.hpp"

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

namespace {

using K = FlowError::Kind;

constexpr auto kKindCodes = std::to_array<std::pair<K, std::string_view>>({
    {K::wrong_step, "wrong_step"},
    {K::certificate_not_found, "certificate_not_found"},
    {K::ambiguous_certificate, "ambiguous_certificate"},
    {K::expired, "expired"},
    {K::not_yet_valid, "not_yet_valid"},
    {K::too_early, "too_early"},
    {K::application_open, "application_open"},
    {K::agreement_not_accepted, "agreement_not_accepted"},
    {K::form_invalid, "form_invalid"},
    {K::token_missing, "token_missing"},
    {K::key_missing, "key_missing"},
    {K::pin_invalid, "pin_invalid"},
    {K::pin_incorrect, "pin_incorrect"},
    {K::pin_locked, "pin_locked"},
    {K::token_failure, "token_failure"},
    {K::service_unreachable, "service_unreachable"},
    {K::service_refused, "service_refused"},
    {K::certificate_rejected, "certificate_rejected"},
    {K::application_rejected, "application_rejected"},
    {K::application_cancelled, "application_cancelled"},
    {K::not_ready, "not_ready"},
    {K::local_store, "local_store"},
    {K::already_renewed, "already_renewed"},
});

}  // namespace

std::string_view code(FlowError::Kind kind) {
  return lookup(kKindCodes, kind).value_or("unknown");
}

}  // namespace certrenew::client
