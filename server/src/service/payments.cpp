// Payments: online payments through the gateway and its signed notifications, and finance
// confirming recorded bank transfers.
//
// One live online payment per application (issue 16): opening online payment again shows the
// payment already started until it expires; a new one closes the previous at the gateway, and so
// do cancelling the application and a confirmed bank transfer. Money that still arrives for a
// payment that was not needed (paid twice, or the application had ended) is recorded as
// `refund_due` and shown to the applicant and the back office in the application view.
#include <spdlog/spdlog.h>

#include "certrenew/core/bytes.hpp"
#include "service/audit_trail.hpp"
#include "service/digest.hpp"
#include "service/renewal_service.hpp"
#include "service/service_support.hpp"
#include "service/service_text.hpp"

namespace certrenew::server {

using nlohmann::json;
using protocol::BusinessState;
using protocol::PaymentState;

namespace {

// The applicant's and the back office's words for an online payment's state. A pending payment
// past its expiry is shown as expired (it is closed at the gateway when the next one starts).
protocol::CodedText online_state(const std::string& state, bool expired) {
  const std::string code = state == "pending" && expired ? "expired" : state;
  if (code == "expired" || code == "pending" || code == "paid" || code == "closed" ||
      code == "failed" || code == "refund_due" || code == "refunded") {
    const Text label = service_text("online_payment." + code);
    return {{label.zh, label.en}, code};
  }
  return {{code, code}, code};
}

// The payable payment as the applicant sees it; `gateway` only in the answer that starts it.
protocol::OnlinePayment payable(const std::string& id, std::int64_t amount_fen,
                                const PaymentLinkRecord& link, std::string gateway = {}) {
  return {id,           forms::Money::from_fen(amount_fen), link.pay_url,
          link.qr_text, iso_utc(link.expires_at),           std::move(gateway)};
}

// Marks every pending payment of an application closed; returns their ids, to be closed at the
// gateway once the transaction has committed.
std::vector<std::string> close_pending(StoreTx& tx, const ApplicationRecord& r, std::int64_t now,
                                       const std::string& actor) {
  std::vector<std::string> ids;
  for (auto p : tx.online_payments_of(r.id)) {
    if (p.state != "pending") continue;
    p.state = "closed";
    p.updated_at = now;
    tx.put_online_payment(p);
    tx.append_event(r.id, {now, actor, "online_payment_closed", p.id});
    ids.push_back(p.id);
  }
  return ids;
}

}  // namespace

std::vector<std::string> RenewalService::close_online_payments(StoreTx& tx,
                                                               const ApplicationRecord& r,
                                                               const std::string& actor) {
  return close_pending(tx, r, now_unix(), actor);
}

void RenewalService::close_at_gateway(const std::vector<std::string>& payment_ids) {
  if (!gateway_) return;
  for (const auto& id : payment_ids) {
    // A payment the gateway could not close and that is paid later still arrives as a
    // notification: it is then recorded as due for refund, so nothing is lost here.
    try {
      if (gateway_->close(id) == GatewayCloseResult::already_paid)
        spdlog::warn("online payment {} was paid before it could be closed", id);
    } catch (const std::exception& e) {
      spdlog::warn("closing online payment {} at the gateway failed: {}", id, e.what());
    }
  }
}

void RenewalService::add_online_payments(const ApplicationRecord& r,
                                         const ApplicationDetails& details, bool for_operator,
                                         protocol::ApplicationView& view) const {
  const std::int64_t now = now_unix();
  std::optional<forms::Money> refund_due = forms::Money::from_fen(0);
  // What finance paid back (console).
  const RefundPosition refunds = refund_position(r, details);
  for (const auto& p : details.online_payments) {
    const PaymentLinkRecord* link = details.link_of(p.id);
    const bool expired = link && link->expires_at <= now;
    std::int64_t refunded = 0;
    for (const auto& o : refunds.online)
      if (o.payment_id == p.id) refunded = o.refunded_fen;
    const bool all_refunded = refunded > 0 && refunded >= p.amount_fen;
    view.online_payments.push_back({p.id, forms::Money::from_fen(p.amount_fen),
                                    online_state(all_refunded ? "refunded" : p.state, expired),
                                    iso_utc(p.created_at), link ? iso_utc(link->expires_at) : "",
                                    for_operator ? p.gateway_ref : ""});
    if (p.state == "refund_due" && refund_due && p.amount_fen > refunded)
      refund_due = refund_due->plus(forms::Money::from_fen(p.amount_fen - refunded));
    if (p.state == "pending" && link && !expired)
      view.online_payment = payable(p.id, p.amount_fen, *link);
  }
  // Amounts are bounded when stored; a sum that does not fit is reported, never wrapped.
  if (!refund_due) throw service_error(500, "internal", "payment.refunds_inconsistent");
  view.refund_due = *refund_due;
}

protocol::OnlinePayment RenewalService::start_online_payment(
    const std::string& business_no, const std::string& capability,
    const std::string& /*public_base_url*/) {
  OnlinePaymentRecord p;
  std::string number;
  std::vector<std::string> to_close;
  std::optional<protocol::OnlinePayment> live;
  const std::int64_t now = now_unix();
  const std::int64_t expires_at = now + config_.payments.valid_seconds;
  store_->transact([&](StoreTx& tx) {
    live.reset();  // a backend may run this again after a serialization failure
    to_close.clear();
    auto r = authorised(tx, business_no, capability);
    if (!gateway_)
      throw service_error(409, "online_payment_unavailable", "payment.online_unavailable");
    if (!protocol::can_pay_online(business(r), payment(r)))
      throw invalid_state(r, "action.pay_online");
    // The payment already started is shown again while the payer can still pay it.
    for (const auto& q : tx.online_payments_of(r.id)) {
      auto link = tx.payment_link(q.id);
      if (q.state == "pending" && link && link->expires_at > now && q.amount_fen == r.total_fen)
        live = payable(q.id, q.amount_fen, *link, gateway_->name());
    }
    if (live) return;
    to_close = close_pending(tx, r, now, "applicant");
    p.id = "P" + to_hex(random_bytes(12));
    p.application_id = r.id;
    p.amount_fen = r.total_fen;
    p.state = "pending";
    p.created_at = p.updated_at = now;
    number = r.business_no;
    tx.put_online_payment(p);
    tx.append_event(r.id, {p.created_at, "applicant", "online_payment_started", p.id});
  });
  if (live) return *live;
  // The gateway is asked outside the transaction: a real one is a network call. The previous
  // payment is closed first, so that at no time two can be paid.
  close_at_gateway(to_close);
  PaymentStart started;
  try {
    started = gateway_->start({p.id, p.amount_fen, number, expires_at});
  } catch (const std::exception&) {
    store_->transact([&](StoreTx& tx) {
      p.state = "failed";
      p.updated_at = now_unix();
      tx.put_online_payment(p);
    });
    throw;
  }
  bool superseded = false;
  const PaymentLinkRecord link{p.id, started.pay_url, started.qr_text, expires_at};
  store_->transact([&](StoreTx& tx) {
    auto current = tx.online_payment(p.id);
    superseded = !current || current->state != "pending";
    if (!superseded) tx.put_payment_link(link);
  });
  if (superseded) {  // another call started a payment meanwhile and closed this one
    close_at_gateway({p.id});
    throw service_error(409, "payment_superseded", "payment.superseded");
  }
  return payable(p.id, p.amount_fen, link, gateway_->name());
}

protocol::PaymentNotificationAnswer RenewalService::payment_notification(
    const GatewayCallback& callback) {
  if (!gateway_) throw service_error(404, "no_such_endpoint", "payment.no_gateway");
  const GatewayNotification n = gateway_->verify_notification(callback);
  const std::string& payment_id = n.payment_id;
  const std::string& gateway_ref = n.gateway_ref;
  const std::int64_t amount = n.amount_fen;
  protocol::PaymentNotificationAnswer out;
  std::optional<QueuedJob> auto_issuance;
  store_->transact([&](StoreTx& tx) {
    auto p = tx.online_payment(payment_id);
    if (!p) throw service_error(404, "not_found", "payment.not_found");
    // Gateways repeat notifications; the first one counted (as paid or as due for refund).
    if (p->state == "paid" || p->state == "refund_due") {
      out = {p->id, p->state};
      return;
    }
    if (amount != p->amount_fen)
      throw service_error(400, "amount_mismatch", "payment.amount_mismatch");
    std::int64_t now = now_unix();
    auto r = tx.application_by_id(p->application_id);
    if (!r) throw service_error(500, "internal", "payment.application_missing");
    p->gateway_ref = gateway_ref;
    p->updated_at = now;
    // Money for a payment that was closed or had expired still counts while the application
    // needs it: the payer paid what was due.
    if (protocol::can_pay_online(business(*r), payment(*r))) {
      p->state = "paid";
      tx.put_online_payment(*p);
      r->payment_state = protocol::code(PaymentState::paid);
      r->state = protocol::code(BusinessState::under_review);
      record_change(tx, *r, {now, "gateway", "paid_online", gateway_ref});
      notifier_.record(tx, *r, NotifyEvent::payment_confirmed, now);
      if (config_.policy.auto_approve) auto_issuance = issue_automatically(tx, *r);
    } else {
      // Money arrived for an application that no longer takes it (paid another way or twice,
      // or cancelled meanwhile): recorded as due for refund, shown to the applicant and the back
      // office; the application is left as it is.
      p->state = "refund_due";
      tx.put_online_payment(*p);
      tx.append_event(r->id, {now, "gateway", "payment_needs_refund", gateway_ref});
      notifier_.record(tx, *r, NotifyEvent::refund_recorded, now,
                       {{"refund_amount", forms::Money::from_fen(p->amount_fen).to_string()}});
    }
    out = {p->id, p->state};
  });
  if (auto_issuance) start_issuer_job(*auto_issuance);
  return out;
}

protocol::OperatorApplicationView RenewalService::admin_confirm_payment(
    const std::string& business_no, const Actor& by) {
  require(by, Permission::confirm_payment);
  protocol::OperatorApplicationView out;
  std::vector<std::string> to_close;
  std::optional<QueuedJob> auto_issuance;
  store_->transact([&](StoreTx& tx) {
    auto r = tx.application_by_business_no(business_no);
    if (!r) throw no_such_application();
    if (!protocol::can_confirm_payment(business(*r), payment(*r)))
      throw invalid_state(*r, "action.confirm_payment");
    // Checked arithmetic: records are bounded when saved, but a sum never wraps into "paid".
    std::optional<forms::Money> sum = forms::Money::from_fen(0);
    for (const auto& t : tx.bank_transfers(r->id))
      if (sum) sum = sum->plus(forms::Money::from_fen(t.amount_fen));
    if (!sum) throw service_error(409, "payment_implausible", "payment.transfers_implausible");
    const std::int64_t paid = sum->fen();
    if (paid < r->total_fen)
      throw service_error(409, "payment_short", "payment.transfers_short",
                          {std::to_string(paid), std::to_string(r->total_fen)});
    const ApplicationRecord before = *r;
    r->payment_state = protocol::code(PaymentState::paid);
    r->state = protocol::code(BusinessState::under_review);
    record_change(tx, *r, {now_unix(), "operator:" + by.name, "payment_confirmed", ""});
    audit_operator_act(tx, by, "confirm_payment", before, *r,
                       std::to_string(paid) + " fen in recorded transfers", r->updated_at);
    to_close = close_pending(tx, *r, r->updated_at, "operator:" + by.name);
    notifier_.record(tx, *r, NotifyEvent::payment_confirmed, r->updated_at);
    if (config_.policy.auto_approve) auto_issuance = issue_automatically(tx, *r);
    out = operator_view(tx, *r);
  });
  close_at_gateway(to_close);  // paid by transfer: an online payment left open is not needed
  // Auto-approval never loses the payment: a refusal leaves the application under review.
  if (auto_issuance) {
    start_issuer_job(*auto_issuance);
    out = admin_show(business_no);
  }
  return out;
}

}  // namespace certrenew::server
