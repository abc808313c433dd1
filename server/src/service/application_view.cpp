// The application view (docs/protocol.md), for the applicant and, with more, for operators.
#include "certrenew/core/bytes.hpp"
#include "certrenew/core/x509/certificate.hpp"
#include "notify/notifications_view.hpp"
#include "service/form_check.hpp"
#include "service/renewal_service.hpp"
#include "service/service_support.hpp"
#include "service/service_text.hpp"

namespace certrenew::server {

using nlohmann::json;
using protocol::BusinessState;
using protocol::PaymentState;

namespace {

// {"zh": …, "en": …} of a service catalogue id.
json label(std::string_view id) {
  const Text t = service_text(id);
  return {{"zh", t.zh}, {"en", t.en}};
}

}  // namespace

json RenewalService::view(StoreTx& tx, const ApplicationRecord& r, bool for_operator,
                          const x509::Certificate* just_stored) const {
  auto s = business(r);
  auto p = payment(r);
  std::optional<x509::Certificate> parsed;
  if (!just_stored) parsed = x509::parse_certificate(r.old_cert_der);
  const x509::Certificate& old = just_stored ? *just_stored : *parsed;
  json form = json::parse(r.form_json);
  // Masked for everyone, operators included: the whole number only through the audited reveal
  // (RenewalService::reveal_id_number).
  form["operator"]["id_number"] = mask_id_number(form["operator"]["id_number"]);
  json transfers = json::array();
  if (!just_stored)
    for (const auto& t : tx.bank_transfers(r.id)) {
      transfers.push_back({{"payer_account", t.payer_account},
                           {"payer_name", t.payer_name},
                           {"amount_fen", t.amount_fen},
                           {"paid_on", t.paid_on},
                           {"remarks", t.remarks}});
    }
  const protocol::FeeSchedule schedule = config_.fees.answer();
  FeeQuote quote = config_.fees.quote(r.period_months).value_or(FeeQuote{r.period_months, {}, {}});
  // What was quoted at submission counts, even if prices changed.
  quote.total = forms::Money::from_fen(r.total_fen);
  json out = {
      {"business_no", r.business_no},
      {"state", state_json(s)},
      {"payment_state", state_json(p)},
      {"created_at", iso_utc(r.created_at)},
      {"updated_at", iso_utc(r.updated_at)},
      {"period_months", r.period_months},
      {"certificate",
       {{"serial", old.serial_hex},
        {"subject", old.subject.display()},
        {"not_after", iso_utc(old.not_after.time_since_epoch().count())}}},
      {"operator", form["operator"]},
      {"recipient", form["recipient"]},
      {"order",
       {{"order_no", r.order_no},
        {"trade_type", label("order.trade_type")},
        {"trade_state", state_json(p)},
        {"order_state", label(s == BusinessState::cancelled ? "order.cancelled" : "order.normal")},
        {"created_at", iso_utc(r.created_at)}}},
      {"fees", protocol::encode(quote)},
      {"total_fen", r.total_fen},
      {"delivery", protocol::encode(schedule.delivery)},
      {"invoice_type", protocol::encode(schedule.invoice_type)},
      {"bank_account",
       {{"company", config_.bank_account.company},
        {"account", config_.bank_account.account},
        {"bank", config_.bank_account.bank}}},
      {"bank_transfers", transfers},
      {"review_expectation", label("review.expectation")},
      {"actions",
       {{"cancel", protocol::can_cancel(s, p)},
        {"bank_transfer", protocol::can_record_bank_transfer(s, p)},
        {"pay_online", gateway_ != nullptr && protocol::can_pay_online(s, p)},
        {"install", protocol::can_install(s) && r.new_cert_der.has_value()}}}};
  if (r.reject_reason) out["reject_reason"] = *r.reject_reason;
  // Approved, certificate not yet issued (issue 22): the issuer's job is under way; the client
  // keeps polling until actions.install.
  if (s == BusinessState::approved && !r.new_cert_der) {
    json issuance = label("issuance.pending");
    issuance["code"] = "pending";
    out["issuance"] = issuance;
  }
  if (just_stored) {  // what add_online_payments answers for an application without payments
    out["online_payments"] = json::array();
    out["refund_due_fen"] = 0;
  } else {
    add_online_payments(tx, r, for_operator, out);  // and the refunds due (issue 16)
  }
  if (for_operator) {
    json events = json::array();
    for (const auto& e : tx.events(r.id))
      events.push_back(
          {{"at", iso_utc(e.at)}, {"actor", e.actor}, {"kind", e.kind}, {"detail", e.detail}});
    out["events"] = events;
    out["agreement"] = {{"version", r.agreement_version}, {"sha256", r.agreement_sha256}};
    out["notifications"] = notifications_view(tx.outbox_messages(r.id));  // issue 19
    json jobs = json::array();  // issue 22: issuing and revoking at the issuer
    for (const auto& j : tx.issuer_jobs(r.id))
      jobs.push_back({{"kind", j.kind},
                      {"state", j.state},
                      {"attempts", j.attempts},
                      {"next_attempt_at", iso_utc(j.next_attempt_at)},
                      {"last_error", j.last_error}});
    out["issuer_jobs"] = jobs;
  }
  return out;
}

}  // namespace certrenew::server
