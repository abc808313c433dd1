// Refunds carried out (issue 18): see service/refunds.hpp. A bank transfer refund is recorded in
// one transaction. A gateway refund is reserved first (a `pending` payout, which counts against
// what may still be refunded), the gateway is asked outside any transaction (a network call),
// and the answer settles the payout as done or failed; each outcome has its audit entry and a
// done refund its timeline event.
#include "service/refunds.hpp"

#include <spdlog/spdlog.h>

#include "certrenew/core/forms/money.hpp"
#include "service/audit_trail.hpp"
#include "service/catalogue_errors.hpp"
#include "service/renewal_service.hpp"
#include "service/service_support.hpp"

namespace certrenew::server {

using forms::Money;

namespace {

std::int64_t checked_sum(std::int64_t a, std::int64_t b) {
  auto s = Money::from_fen(a).plus(Money::from_fen(b));
  if (!s) throw back_office_error(500, "internal", "server.internal");
  return s->fen();
}

std::string yuan(std::int64_t fen) {
  return Money::from_fen(fen).to_string();
}

bool counts(const RefundPayout& p) {
  return p.state == "done" || p.state == "pending";
}

}  // namespace

std::int64_t RefundPosition::bank_refundable_fen() const {
  return ended && bank_received_fen > bank_refunded_fen ? bank_received_fen - bank_refunded_fen : 0;
}

std::int64_t RefundPosition::due_fen() const {
  std::int64_t due = bank_refundable_fen();
  for (const auto& o : online)
    if (o.refundable && o.amount_fen > o.refunded_fen)
      due = checked_sum(due, o.amount_fen - o.refunded_fen);
  return due;
}

RefundPosition refund_position(StoreTx& tx, const ApplicationRecord& r) {
  ApplicationDetails d;
  d.bank_transfers = tx.bank_transfers(r.id);
  d.online_payments = tx.online_payments_of(r.id);
  d.refund_payouts = tx.console().refund_payouts_of(r.business_no);
  return refund_position(r, d);
}

RefundPosition refund_position(const ApplicationRecord& r, const ApplicationDetails& details) {
  RefundPosition pos;
  pos.ended = r.state == "cancelled" || r.state == "rejected";
  for (const auto& t : details.bank_transfers)
    pos.bank_received_fen = checked_sum(pos.bank_received_fen, t.amount_fen);
  pos.payouts = details.refund_payouts;
  for (const auto& p : details.online_payments) {
    if (p.state != "paid" && p.state != "refund_due") continue;
    RefundPosition::Online o{p.id, p.state, p.amount_fen, 0, p.state == "refund_due" || pos.ended};
    for (const auto& q : pos.payouts)
      if (counts(q) && q.method == "online" && q.payment_id == p.id)
        o.refunded_fen = checked_sum(o.refunded_fen, q.amount_fen);
    pos.online.push_back(o);
  }
  for (const auto& q : pos.payouts)
    if (counts(q) && q.method == "bank_transfer")
      pos.bank_refunded_fen = checked_sum(pos.bank_refunded_fen, q.amount_fen);
  return pos;
}

protocol::RefundSummary to_answer(const RefundPosition& pos) {
  protocol::RefundSummary out;
  out.ended = pos.ended;
  out.bank_transfer = {Money::from_fen(pos.bank_received_fen),
                       Money::from_fen(pos.bank_refunded_fen),
                       Money::from_fen(pos.bank_refundable_fen())};
  for (const auto& o : pos.online)
    out.online.push_back({o.payment_id, o.state, Money::from_fen(o.amount_fen),
                          Money::from_fen(o.refunded_fen),
                          Money::from_fen(o.refundable ? o.amount_fen - o.refunded_fen : 0)});
  out.due = Money::from_fen(pos.due_fen());
  for (const auto& p : pos.payouts)
    out.payouts.push_back({p.id, p.method, Money::from_fen(p.amount_fen), p.payment_id, p.reference,
                           p.state, p.message, p.recorded_by, iso_utc(p.recorded_at),
                           iso_utc(p.updated_at)});
  return out;
}

protocol::RefundNote refund_note(const RefundRecord& note) {
  return {note.recorded_by, note.note, iso_utc(note.recorded_at)};
}

protocol::RefundDone RenewalService::admin_refund(const std::string& business_no, const Actor& by,
                                                  const RefundRequest& request) {
  require(by, Permission::confirm_payment);
  const bool online = request.method == "online";
  if (!online && request.method != "bank_transfer")
    throw back_office_error(400, "bad_method", "refund.bad_method");
  if (request.amount_fen <= 0) throw back_office_error(400, "bad_amount", "refund.bad_amount");
  if (!online && (request.reference.empty() || request.reference.size() > 100))
    throw back_office_error(400, "reference_required", "refund.reference_required");
  if (online && !gateway_) throw back_office_error(409, "no_gateway", "refund.no_gateway");

  const std::string who = "operator:" + by.name;
  RefundPayout payout;
  std::int64_t application_id = 0;
  store_->transact([&](StoreTx& tx) {
    auto r = tx.application_by_business_no(business_no);
    if (!r) throw no_such_application();
    const RefundPosition pos = refund_position(tx, *r);
    std::int64_t refundable = pos.bank_refundable_fen();
    if (online) {
      refundable = -1;
      for (const auto& o : pos.online)
        if (o.payment_id == request.payment_id && o.refundable)
          refundable = o.amount_fen - o.refunded_fen;
      if (refundable < 0) throw back_office_error(409, "no_payment", "refund.no_payment");
    }
    if (request.amount_fen > refundable)
      throw back_office_error(409, "refund_too_much", "refund.too_much",
                              {{"refundable_fen", refundable}});
    const std::int64_t now = now_unix();
    application_id = r->id;
    payout = {0,
              r->business_no,
              request.method,
              request.amount_fen,
              online ? request.payment_id : "",
              online ? "" : request.reference,
              online ? "pending" : "done",
              "",
              by.name,
              now,
              now};
    payout.id = tx.console().insert_refund_payout(payout);
    if (online) return;  // settled after the gateway answers
    tx.append_event(r->id,
                    {now, who, "refunded",
                     "bank_transfer " + yuan(request.amount_fen) + " ref " + request.reference});
    append_audit(
        tx.console(),
        {by.name, by.role_text(), by.source, "refund", r->business_no,
         "bank refunded " + yuan(pos.bank_refunded_fen) + " of " + yuan(pos.bank_received_fen),
         "bank refunded " + yuan(checked_sum(pos.bank_refunded_fen, request.amount_fen)),
         "bank_transfer ref " + request.reference +
             (request.note.empty() ? "" : "; " + request.note)},
        now);
  });

  if (online) {
    RefundResult result;
    try {
      result = gateway_->refund(request.payment_id, request.amount_fen,
                                request.note.empty() ? "refund " + business_no : request.note);
    } catch (const std::exception& e) {
      result = {false, "", std::string("the gateway could not be reached: ") + e.what()};
    }
    store_->transact([&](StoreTx& tx) {
      const std::int64_t now = now_unix();
      payout.state = result.accepted ? "done" : "failed";
      payout.reference = result.refund_ref;
      payout.message = result.accepted ? "" : result.message.substr(0, 500);
      payout.updated_at = now;
      tx.console().update_refund_payout(payout);
      if (result.accepted)
        tx.append_event(application_id, {now, who, "refunded",
                                         "online " + yuan(request.amount_fen) + " payment " +
                                             request.payment_id + " ref " + result.refund_ref});
      append_audit(
          tx.console(),
          {by.name, by.role_text(), by.source, result.accepted ? "refund" : "refund_failed",
           business_no, "online payment " + request.payment_id,
           result.accepted ? "refunded " + yuan(request.amount_fen) : "not refunded",
           result.accepted ? "gateway ref " + result.refund_ref : "gateway: " + payout.message},
          now);
    });
    if (!result.accepted) {
      spdlog::warn("refund of {} for {} refused by the gateway: {}", request.payment_id,
                   business_no, result.message);
      throw back_office_error(502, "refund_failed", "refund.gateway_failed",
                              {{"gateway_message", payout.message}});
    }
  }
  protocol::RefundDone out{business_no, payout.id, {}};
  store_->transact([&](StoreTx& tx) {
    auto r = tx.application_by_business_no(business_no);
    if (!r) throw no_such_application();
    out.summary = to_answer(refund_position(tx, *r));
  });
  return out;
}

}  // namespace certrenew::server
