// The applicant's calls after submission, authorised by the capability token.
#include "certrenew/core/bytes.hpp"
#include "service/form_check.hpp"
#include "service/renewal_service.hpp"
#include "service/revocation_policy.hpp"
#include "service/service_support.hpp"

namespace certrenew::server {

using protocol::BusinessState;
using protocol::PaymentState;

protocol::ApplicationView RenewalService::status(const std::string& business_no,
                                                 const std::string& capability) {
  protocol::ApplicationView out;
  store_->transact([&](StoreTx& tx) { out = view(tx, authorised(tx, business_no, capability)); });
  return out;
}

protocol::ApplicationView RenewalService::cancel(const std::string& business_no,
                                                 const std::string& capability) {
  protocol::ApplicationView out;
  std::vector<std::string> to_close;
  store_->transact([&](StoreTx& tx) {
    auto r = authorised(tx, business_no, capability);
    if (!protocol::can_cancel(business(r), payment(r))) throw invalid_state(r, "action.cancel");
    r.state = protocol::code(BusinessState::cancelled);
    record_change(tx, r, {now_unix(), "applicant", "cancelled", ""});
    to_close = close_online_payments(tx, r, "applicant");
    notifier_.record(tx, r, NotifyEvent::cancelled, r.updated_at);
    out = view(tx, r);
  });
  close_at_gateway(to_close);  // a cancelled application takes no more money
  return out;
}

protocol::ApplicationView RenewalService::save_bank_transfers(
    const std::string& business_no, const std::string& capability,
    const protocol::BankTransfersRequest& request) {
  std::vector<BankTransferRecord> transfers = check_bank_transfers(request.records, now_());
  protocol::ApplicationView out;
  store_->transact([&](StoreTx& tx) {
    auto r = authorised(tx, business_no, capability);
    if (!protocol::can_record_bank_transfer(business(r), payment(r)))
      throw invalid_state(r, "action.record_bank_transfer");
    check_transfer_amounts(transfers, forms::Money::from_fen(r.total_fen));
    tx.replace_bank_transfers(r.id, transfers);
    r.payment_state =
        protocol::code(transfers.empty() ? PaymentState::unpaid : PaymentState::confirming);
    record_change(tx, r,
                  {now_unix(), "applicant", "bank_transfer_saved",
                   std::to_string(transfers.size()) + " record(s)"});
    out = view(tx, r);
  });
  return out;
}

protocol::CertificateDownload RenewalService::certificate(const std::string& business_no,
                                                          const std::string& capability) {
  protocol::CertificateDownload out;
  store_->transact([&](StoreTx& tx) {
    auto r = authorised(tx, business_no, capability);
    if (!protocol::can_install(business(r)) || !r.new_cert_der)
      throw invalid_state(r, "action.download_certificate");
    protocol::DualCertificateDownload dual = dual_certificate_download(tx, r);  // issue 21
    out = {r.business_no,
           *r.new_cert_der,
           {issuer_->ca_certificate_der()},
           std::move(dual.encryption),
           std::move(dual.recovered)};
  });
  return out;
}

protocol::ApplicationView RenewalService::confirm_installed(const std::string& business_no,
                                                            const std::string& capability) {
  protocol::ApplicationView out;
  std::optional<std::int64_t> revocation;
  store_->transact([&](StoreTx& tx) {
    auto r = authorised(tx, business_no, capability);
    if (business(r) == BusinessState::completed) {  // confirming twice is harmless
      out = view(tx, r);
      return;
    }
    if (business(r) != BusinessState::approved)
      throw invalid_state(r, "action.confirm_installation");
    r.state = protocol::code(BusinessState::completed);
    record_change(tx, r, {now_unix(), "applicant", "installed", ""});
    notifier_.record(tx, r, NotifyEvent::completed, r.updated_at,
                     Notifier::validity_facts(*r.new_cert_der));
    record_superseded(tx, config_.policy, r, r.updated_at);
    revocation = revoke_superseded_at_issuer(tx, r);
    out = view(tx, r);
  });
  if (revocation)
    start_issuer_job({*revocation, std::nullopt});  // an external CA: the worker sends the rr
  return out;
}

}  // namespace certrenew::server
