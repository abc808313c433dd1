// The back office: operators list, show, approve and reject applications.
#include "service/audit_trail.hpp"
#include "service/catalogue_errors.hpp"
#include "service/digest.hpp"
#include "service/intake_policy.hpp"
#include "service/renewal_service.hpp"
#include "service/service_support.hpp"
#include "service/service_text.hpp"

namespace certrenew::server {

using protocol::BusinessState;
using protocol::PaymentState;

Actor RenewalService::authenticate_operator(const std::string& token,
                                            const std::string& source) const {
  if (token.empty()) throw back_office_error(401, "unauthorized", "operator.credentials_required");
  const std::string hash = sha256_hex(token);
  std::optional<Actor> actor;
  store_->transact([&](StoreTx& tx) {
    auto name = tx.console().operator_for_token(hash);
    auto op = name ? tx.console().operator_by_name(*name) : std::nullopt;
    auto role = op ? parse_role(op->role) : std::nullopt;
    if (op && !op->disabled && role) actor = Actor(op->name, *role, source);
  });
  if (actor) return *actor;
  // Deprecated: the shared token of config.json's `operators`, from before named accounts.
  for (const auto& op : config_.operators) {
    if (equal_secret(hash, op.token_sha256)) {
      Actor legacy(op.name);
      legacy.source = source;
      return legacy;
    }
  }
  throw back_office_error(403, "forbidden", "operator.credentials_invalid");
}

std::vector<protocol::ApplicationListEntry> RenewalService::admin_list(const std::string& state,
                                                                       int limit, int offset) {
  if (!state.empty() && !protocol::parse_business_state(state))
    throw service_error(400, "bad_filter", "filter.unknown_state");  // not echoed
  if (limit < 1 || limit > 500 || offset < 0)
    throw service_error(400, "bad_filter", "filter.bad_page");
  std::vector<protocol::ApplicationListEntry> out;
  store_->transact([&](StoreTx& tx) {
    out.clear();  // a backend may run this again after a serialization failure
    for (const auto& r : tx.list_applications(state, limit, offset))
      out.push_back({r.business_no, business(r), payment(r), forms::Money::from_fen(r.total_fen),
                     iso_utc(r.created_at)});
  });
  return out;
}

protocol::OperatorApplicationView RenewalService::admin_show(const std::string& business_no) {
  protocol::OperatorApplicationView out;
  store_->transact([&](StoreTx& tx) {
    auto r = tx.application_by_business_no(business_no);
    if (!r) throw no_such_application();
    out = operator_view(tx, *r);
  });
  return out;
}

protocol::OperatorApplicationView RenewalService::admin_approve(const std::string& business_no,
                                                                const Actor& by) {
  require(by, Permission::review);
  QueuedJob job;
  store_->transact([&](StoreTx& tx) {
    auto r = tx.application_by_business_no(business_no);
    if (!r) throw no_such_application();
    if (!protocol::can_review(business(*r), payment(*r))) throw invalid_state(*r, "action.approve");
    const ApplicationRecord before = *r;
    job = queue_issuance(tx, *r, "operator:" + by.name);
    audit_operator_act(tx, by, "approve", before, *r, "queued for issuance", r->updated_at);
  });
  // Outside the transaction: the built-in CA issues now, an external CA's worker is woken.
  if (auto refusal = start_issuer_job(job))
    throw service_error(502, "issuance_failed", "issuance.failed", {*refusal});
  return admin_show(business_no);
}

protocol::OperatorApplicationView RenewalService::admin_reject(
    const std::string& business_no, const Actor& by, const protocol::RejectRequest& request) {
  require(by, Permission::review);
  const std::string& reason = request.reason;
  if (reason.empty() || reason.size() > 1000)
    throw service_error(400, "reason_required", "reject.reason_required");
  protocol::OperatorApplicationView out;
  store_->transact([&](StoreTx& tx) {
    auto r = tx.application_by_business_no(business_no);
    if (!r) throw no_such_application();
    if (!protocol::can_review(business(*r), payment(*r))) throw invalid_state(*r, "action.reject");
    const ApplicationRecord before = *r;
    r->state = protocol::code(BusinessState::rejected);
    r->reject_reason = reason;
    record_change(tx, *r, {now_unix(), "operator:" + by.name, "rejected", reason});
    audit_operator_act(tx, by, "reject", before, *r, reason, r->updated_at);
    notifier_.record(tx, *r, NotifyEvent::rejected, r->updated_at, {{"reason", reason}});
    out = operator_view(tx, *r);
  });
  return out;
}

}  // namespace certrenew::server
