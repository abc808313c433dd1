// The application view (docs/protocol.md), for the applicant and, with more, for operators: the
// typed answers of core/protocol/application_answers.hpp, filled from the store.
#include <stdexcept>
#include <utility>

#include "certrenew/core/bytes.hpp"
#include "notify/notifications_view.hpp"
#include "service/application_listing.hpp"
#include "service/form_check.hpp"
#include "service/renewal_service.hpp"
#include "service/service_support.hpp"
#include "service/service_text.hpp"

namespace certrenew::server {

using protocol::BusinessState;
using protocol::PaymentState;

namespace {

// The operator and recipient stored at submission (form_check's normalised form). Stored data
// that does not decode is the service's fault, never the request's: an internal error.
std::pair<protocol::OperatorInfo, protocol::RecipientInfo> stored_form(const std::string& text) {
  try {
    const nlohmann::json form = protocol::parse_json(text);
    const protocol::Field root(form);
    return {protocol::decode_operator_info(root.at("operator")),
            protocol::decode_recipient_info(root.at("recipient"))};
  } catch (const protocol::DecodeError& e) {
    throw std::runtime_error(std::string("stored application form: ") + e.what());
  }
}

// A service catalogue id's text in both languages.
protocol::LocalizedText label(std::string_view id) {
  const Text t = service_text(id);
  return {t.zh, t.en};
}

}  // namespace

protocol::ApplicationView RenewalService::view(StoreTx& tx, const ApplicationRecord& r,
                                               bool for_operator, bool just_stored) const {
  // A just-stored application has no transfers, payments or refunds yet: nothing to read.
  return view(r, just_stored ? ApplicationDetails{} : tx.application_details(r, false),
              for_operator);
}

protocol::ApplicationView RenewalService::view(const ApplicationRecord& r,
                                               const ApplicationDetails& details,
                                               bool for_operator) const {
  const BusinessState s = business(r);
  const PaymentState p = payment(r);
  const auto [operator_info, recipient] = stored_form(r.form_json);
  const protocol::FeeSchedule schedule = config_.fees.answer();

  protocol::ApplicationView v;
  v.business_no = r.business_no;
  v.state = s;
  v.state_label = protocol::labels(s);
  v.payment_state = p;
  v.payment_label = protocol::labels(p);
  v.created_at = iso_utc(r.created_at);
  v.updated_at = iso_utc(r.updated_at);
  v.period_months = r.period_months;
  // From the application's columns (issue 17: a status poll decodes no certificate), but for one
  // an instance of the version before stored during a rolling upgrade.
  v.certificate_serial = r.old_cert_serial;
  v.certificate_subject = r.subject.empty() ? listed_subject(r.old_cert_der) : r.subject;
  v.certificate_not_after = iso_utc(r.old_not_after);
  v.operator_info = operator_info;
  // Masked for everyone, operators included: the whole number only through the audited reveal
  // (RenewalService::reveal_id_number).
  v.operator_info.id_number = mask_id_number(v.operator_info.id_number);
  v.recipient_name = recipient.name;
  v.recipient_mobile = recipient.mobile;
  v.recipient_address = recipient.address;
  v.order = {r.order_no, label("order.trade_type"),
             protocol::CodedText{protocol::labels(p), std::string(protocol::code(p))},
             label(s == BusinessState::cancelled ? "order.cancelled" : "order.normal"),
             iso_utc(r.created_at)};
  v.fees = config_.fees.quote(r.period_months).value_or(FeeQuote{r.period_months, {}, {}});
  // What was quoted at submission counts, even if prices changed.
  v.fees.total = forms::Money::from_fen(r.total_fen);
  v.total = forms::Money::from_fen(r.total_fen);
  v.delivery = schedule.delivery;
  v.invoice_type = schedule.invoice_type;
  v.bank_account = {config_.bank_account.company, config_.bank_account.account,
                    config_.bank_account.bank};
  for (const auto& t : details.bank_transfers)
    v.bank_transfers.push_back({t.payer_account, t.payer_name, forms::Money::from_fen(t.amount_fen),
                                t.paid_on, t.remarks});
  v.review_expectation = label("review.expectation");
  v.actions = {protocol::can_cancel(s, p), protocol::can_record_bank_transfer(s, p),
               gateway_ != nullptr && protocol::can_pay_online(s, p),
               protocol::can_install(s) && r.new_cert_der.has_value()};
  if (r.reject_reason) v.reject_reason = *r.reject_reason;
  // Approved, certificate not yet issued (issue 22): the issuer's job is under way; the client
  // keeps polling until actions.install.
  if (s == BusinessState::approved && !r.new_cert_der)
    v.issuance = protocol::CodedText{label("issuance.pending"), "pending"};
  // And the refunds due (issue 16).
  add_online_payments(r, details, for_operator, v);
  return v;
}

protocol::OperatorApplicationView RenewalService::operator_view(StoreTx& tx,
                                                                const ApplicationRecord& r) const {
  return operator_view(r, tx.application_details(r, true));
}

protocol::OperatorApplicationView RenewalService::operator_view(
    const ApplicationRecord& r, const ApplicationDetails& details) const {
  protocol::OperatorApplicationView o;
  o.view = view(r, details, true);
  for (const auto& e : details.events)
    o.events.push_back({iso_utc(e.at), e.actor, e.kind, e.detail});
  o.agreement = {r.agreement_version, r.agreement_sha256};
  o.notifications = notifications_view(details.notifications);  // issue 19
  for (const auto& j : details.issuer_jobs)  // issue 22: issuing and revoking at the issuer
    o.issuer_jobs.push_back(
        {j.kind, j.state, j.attempts, iso_utc(j.next_attempt_at), j.last_error});
  return o;
}

}  // namespace certrenew::server
