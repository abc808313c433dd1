// Payments: online payments through the gateway and its signed notifications, and finance
// confirming recorded bank transfers.
#include "certrenew/core/bytes.hpp"
#include "service/audit_trail.hpp"
#include "service/digest.hpp"
#include "service/renewal_service.hpp"
#include "service/service_support.hpp"

namespace certrenew::server {

using nlohmann::json;
using protocol::BusinessState;
using protocol::PaymentState;

json RenewalService::start_online_payment(const std::string& business_no,
                                          const std::string& capability,
                                          const std::string& /*public_base_url*/) {
  OnlinePaymentRecord p;
  std::string number;
  store_->transact([&](StoreTx& tx) {
    auto r = authorised(tx, business_no, capability);
    if (!gateway_)
      throw ApiError(409, "online_payment_unavailable",
                     "this service takes no online payments; pay by bank transfer",
                     "本服务不支持在线支付，请使用银行转账");
    if (!protocol::can_pay_online(business(r), payment(r)))
      throw invalid_state(r, "pay online", "在线支付");
    p.id = "P" + to_hex(random_bytes(12));
    p.application_id = r.id;
    p.amount_fen = r.total_fen;
    p.state = "pending";
    p.created_at = p.updated_at = now_unix();
    number = r.business_no;
    tx.put_online_payment(p);
    tx.append_event(r.id, {p.created_at, "applicant", "online_payment_started", p.id});
  });
  // The gateway is asked outside the transaction: a real one is a network call.
  PaymentStart started = gateway_->start({p.id, p.amount_fen, number});
  return {{"payment_id", p.id},
          {"amount_fen", p.amount_fen},
          {"pay_url", started.pay_url},
          {"qr_text", started.qr_text},
          {"gateway", gateway_->name()}};
}

json RenewalService::payment_notification(const GatewayCallback& callback) {
  if (!gateway_) throw ApiError(404, "no_such_endpoint", "no payment gateway", "未配置支付网关");
  const GatewayNotification n = gateway_->verify_notification(callback);
  const std::string& payment_id = n.payment_id;
  const std::string& gateway_ref = n.gateway_ref;
  const std::int64_t amount = n.amount_fen;
  json out;
  store_->transact([&](StoreTx& tx) {
    auto p = tx.online_payment(payment_id);
    if (!p) throw ApiError(404, "not_found", "no such payment", "未找到该支付");
    if (p->state == "paid") {  // gateways repeat notifications; the first one counted
      out = {{"payment_id", p->id}, {"state", p->state}};
      return;
    }
    if (amount != p->amount_fen)
      throw ApiError(400, "amount_mismatch", "the notified amount differs from the amount due",
                     "支付金额与应付金额不符");
    std::int64_t now = now_unix();
    p->state = "paid";
    p->gateway_ref = gateway_ref;
    p->updated_at = now;
    tx.put_online_payment(*p);
    auto r = tx.application_by_id(p->application_id);
    if (!r) throw ApiError(500, "internal", "the payment's application is missing", "内部错误");
    if (protocol::can_pay_online(business(*r), payment(*r))) {
      r->payment_state = protocol::code(PaymentState::paid);
      r->state = protocol::code(BusinessState::under_review);
      r->updated_at = now;
      tx.update_application(*r);
      tx.append_event(r->id, {now, "gateway", "paid_online", gateway_ref});
      if (config_.policy.auto_approve) issue_automatically(tx, *r);
    } else {
      // Money arrived for an application that can no longer take it (cancelled meanwhile):
      // recorded for the back office to refund, the application is left as it is.
      tx.append_event(r->id, {now, "gateway", "payment_needs_refund", gateway_ref});
    }
    out = {{"payment_id", p->id}, {"state", p->state}};
  });
  return out;
}

json RenewalService::admin_confirm_payment(const std::string& business_no, const Actor& by) {
  require(by, Permission::confirm_payment);
  json out;
  store_->transact([&](StoreTx& tx) {
    auto r = tx.application_by_business_no(business_no);
    if (!r) throw ApiError(404, "not_found", "no such application", "未找到该申请");
    if (!protocol::can_confirm_payment(business(*r), payment(*r)))
      throw invalid_state(*r, "confirm the payment", "确认付款");
    // Checked arithmetic: records are bounded when saved, but a sum never wraps into "paid".
    std::optional<forms::Money> sum = forms::Money::from_fen(0);
    for (const auto& t : tx.bank_transfers(r->id))
      if (sum) sum = sum->plus(forms::Money::from_fen(t.amount_fen));
    if (!sum)
      throw ApiError(409, "payment_implausible", "the recorded transfers do not add up",
                     "登记的转账金额异常");
    const std::int64_t paid = sum->fen();
    if (paid < r->total_fen)
      throw ApiError(409, "payment_short",
                     "the recorded transfers (" + std::to_string(paid) +
                         " fen) are less than due (" + std::to_string(r->total_fen) + " fen)",
                     "登记的转账金额少于应付金额");
    const ApplicationRecord before = *r;
    r->payment_state = protocol::code(PaymentState::paid);
    r->state = protocol::code(BusinessState::under_review);
    r->updated_at = now_unix();
    tx.update_application(*r);
    tx.append_event(r->id, {r->updated_at, "operator:" + by.name, "payment_confirmed", ""});
    audit_operator_act(tx, by, "confirm_payment", before, *r,
                       std::to_string(paid) + " fen in recorded transfers", r->updated_at);
    if (config_.policy.auto_approve) issue_automatically(tx, *r);
    out = view(tx, *r, true);
  });
  return out;
}

}  // namespace certrenew::server
