// Refunds in the console (issue 18): the applications holding money that no renewal will use,
// with what was received and refunded by method, and finance carrying out a refund (the rules are
// RenewalService::admin_refund's).

#include "certrenew/core/forms/money.hpp"
#include "console/console_api.hpp"
#include "service/catalogue_errors.hpp"
#include "service/service_support.hpp"
#include "storage/console_store.hpp"

namespace certrenew::server::console {

using nlohmann::json;

namespace {

protocol::RefundListEntry refund_row(StoreTx& tx, const ApplicationRecord& r,
                                     const RefundPosition& pos) {
  protocol::RefundListEntry item{
      r.business_no,         business(r),    payment(r),  forms::Money::from_fen(r.total_fen),
      iso_utc(r.updated_at), to_answer(pos), std::nullopt};
  // A note recorded before refunds were carried out here (no amount was kept then).
  if (auto f = tx.console().refund(r.business_no)) item.note_recorded = refund_note(*f);
  return item;
}

RefundRequest refund_request(const json& body) {
  RefundRequest q;
  q.method = body_string(body, "method", 32);
  const auto amount = forms::parse_money(body_string(body, "amount", 32));
  if (!amount.ok() || amount.money.fen() <= 0)
    throw back_office_error(400, "bad_amount", "refund.bad_amount");
  q.amount_fen = amount.money.fen();
  if (body.contains("reference")) q.reference = body_string(body, "reference", 100, true);
  if (body.contains("payment_id")) q.payment_id = body_string(body, "payment_id", 64, true);
  if (body.contains("note")) q.note = body_string(body, "note", 500, true);
  return q;
}

}  // namespace

void ConsoleApi::add_refund_routes() {
  add("GET", "refunds", [this](ConsoleCall&, const auto&) {
    std::vector<protocol::RefundListEntry> out;
    service_.store().transact([&](StoreTx& tx) {
      out.clear();
      auto add_if_due = [&](const ApplicationRecord& r) {
        const RefundPosition pos = refund_position(tx, r);
        if (pos.due_fen() > 0 || !pos.payouts.empty() || tx.console().refund(r.business_no))
          out.push_back(refund_row(tx, r, pos));
      };
      // The database narrows hundreds of thousands of applications to those that may have
      // money to refund (issue 17: ended ones that received money or have a refund on record,
      // and those an online payment reached twice); each is then checked exactly.
      for (const std::int64_t id : tx.console().refund_candidates())
        if (const auto r = tx.application_by_id(id)) add_if_due(*r);
    });
    return json_response(200, protocol::encode(out));
  });
  add("POST", "refunds/*", [this](ConsoleCall& call, const auto& args) {
    if (args[0].size() != 17) throw no_such_application();
    return json_response(200, protocol::encode(service_.admin_refund(args[0], call.actor,
                                                                     refund_request(call.body))));
  });
}

}  // namespace certrenew::server::console
