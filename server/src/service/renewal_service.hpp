#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "ca/authority.hpp"
#include "ca/openssl_ptr.hpp"
#include "certrenew/core/pki/csr.hpp"
#include "certrenew/core/pki/signed_data.hpp"
#include "certrenew/core/protocol/application_answers.hpp"
#include "certrenew/core/protocol/back_office_answers.hpp"
#include "certrenew/core/protocol/public_answers.hpp"
#include "certrenew/core/protocol/requests.hpp"
#include "certrenew/core/x509/certificate.hpp"
#include "issuers/issuer.hpp"
#include "notify/notifier.hpp"
#include "payments/gateway.hpp"
#include "service/agreement.hpp"
#include "service/config.hpp"
#include "service/dual_certificates.hpp"
#include "service/operator_roles.hpp"
#include "service/refunds.hpp"
#include "storage/store.hpp"

namespace certrenew::server {

// The answer to a submitted application: the application's view and the capability token that
// authorises the applicant's later calls. `created` is false when the same signed request was
// sent before (the same application comes back).
struct Submission {
  bool created = false;
  std::string capability_token;
  protocol::ApplicationView application;
};

// The renewal service without HTTP: every endpoint's rules, each a transaction on the store.
// Methods throw ApiError for anything the caller did wrong; nothing is changed then.
class RenewalService {
 public:
  using Now = std::function<Clock::time_point()>;

  RenewalService(ServerConfig config, std::unique_ptr<Store> store, Now now = Clock::now);

  const ServerConfig& config() const { return config_; }
  // Who issues and revokes (config "issuer"); its health() is for /readyz and the console.
  Issuer& issuer() { return *issuer_; }
  // The built-in CA (demo tools, tests); throws std::logic_error when the issuer is external.
  const CertificateAuthority& authority() const;
  Store& store() { return *store_; }
  const Notifier& notifier() const { return notifier_; }
  // The online payment gateway (config payments.gateway); null: online payment is off.
  void set_payment_gateway(PaymentGateway* gateway) { gateway_ = gateway; }

  // Public, read-only.
  protocol::ServiceInfo info() const;
  protocol::AgreementText agreement(const std::string& language) const;
  protocol::FeeSchedule fees() const;

  // Applicant: the CMS-signed application, then calls authorised by the capability token.
  Submission submit(const std::vector<std::uint8_t>& signed_application);
  // The answers are core/protocol's typed messages (application_answers.hpp).
  protocol::ApplicationView status(const std::string& business_no, const std::string& capability);
  protocol::ApplicationView cancel(const std::string& business_no, const std::string& capability);
  protocol::ApplicationView save_bank_transfers(const std::string& business_no,
                                                const std::string& capability,
                                                const protocol::BankTransfersRequest& request);
  protocol::OnlinePayment start_online_payment(const std::string& business_no,
                                               const std::string& capability,
                                               const std::string& public_base_url);
  protocol::CertificateDownload certificate(const std::string& business_no,
                                            const std::string& capability);
  protocol::ApplicationView confirm_installed(const std::string& business_no,
                                              const std::string& capability);

  // Payment gateway: a signed notification that a payment went through, verified by the gateway.
  protocol::PaymentNotificationAnswer payment_notification(const GatewayCallback& callback);

  // Back office, authorised by an operator's API token (issue 18: per operator, with a role) or
  // the deprecated shared token of config.json. `source` is the request's address, audited.
  Actor authenticate_operator(const std::string& token, const std::string& source = "") const;
  std::vector<protocol::ApplicationListEntry> admin_list(const std::string& state, int limit,
                                                         int offset);
  protocol::OperatorApplicationView admin_show(const std::string& business_no);
  // Each checks the actor's role (finance confirms, reviewers decide) and writes one audit entry
  // in the same transaction as the change.
  protocol::OperatorApplicationView admin_confirm_payment(const std::string& business_no,
                                                          const Actor& by);
  protocol::OperatorApplicationView admin_approve(const std::string& business_no, const Actor& by);
  protocol::OperatorApplicationView admin_reject(const std::string& business_no, const Actor& by,
                                                 const protocol::RejectRequest& request);
  // Issue 21 (service/key_recovery.cpp): the escrowed encryption keys of the application's
  // holder (any operator), and the re-delivery of one to this application (admins; audited).
  protocol::EscrowedKeys admin_escrowed_keys(const std::string& business_no, const Actor& by);
  protocol::RecoveredKeys admin_recover_encryption_key(const std::string& business_no,
                                                       const Actor& by,
                                                       const protocol::RecoverKeyRequest& request);
  // The key management centre of SM2 dual certificates (config "kmc").
  const KeyManagementCentre& kmc() const { return kmc_; }
  // The operator's view of an application (ID number masked, as everywhere; with its history,
  // messages and issuer jobs), for the console (service/application_view.cpp).
  protocol::OperatorApplicationView operator_view(StoreTx& tx, const ApplicationRecord& r) const;
  // The same from the application's lists as the caller read them (StoreTx::application_details
  // with history), for a caller that shows more of them (the console's refund position).
  protocol::OperatorApplicationView operator_view(const ApplicationRecord& r,
                                                  const ApplicationDetails& details) const;
  std::int64_t now_seconds() const { return now_unix(); }
  // The applicant's whole ID number, for an operator who needs it; every reveal is audited
  // (service/id_reveal.cpp).
  protocol::IdReveal reveal_id_number(const std::string& business_no, const Actor& by);
  // Finance pays back money received for an application that will not be renewed, by bank
  // transfer or through the payment gateway (service/refunds.cpp); never more than received.
  protocol::RefundDone admin_refund(const std::string& business_no, const Actor& by,
                                    const RefundRequest& request);

  std::string capability_for(const std::string& business_no) const;

  // Issue 22 (issuers): issuance and revocation at the issuer are durable jobs
  // (service/issuer_jobs.cpp), carried out outside every request by service/issuer_job_worker
  // (and at once, after the request's commit, when the issuer is built in). A slow or absent CA
  // holds no transaction and no serving thread.
  // Claims the due jobs and carries them out; returns how many were attempted.
  int run_issuer_jobs(const std::string& worker, int limit);
  // Called after a job is queued when the issuer is not built in (wakes the worker).
  void set_issuer_job_wake(std::function<void()> wake) { issuer_job_wake_ = std::move(wake); }
  // How long a claimed job is held: longer than the issuer's longest exchange.
  std::int64_t issuer_job_lease_seconds() const;

 private:
  // submit(), step by step (service/submit.cpp): decode -> verify -> policy -> persist.
  struct VerifiedApplication {
    x509::Certificate old_certificate;
    pki::SharedCertificate old_x509;  // the same, decoded once (each decode costs a verify)
    protocol::ApplicationContent content;
  };
  struct AcceptedApplication {  // what the policy checks let through
    FeeQuote quote;
    nlohmann::json form;          // operator and recipient, normalised
    std::string key_fingerprint;  // of the new key (intake_policy's check_new_key)
  };
  std::optional<Submission> previous_submission(const std::string& request_hash);
  VerifiedApplication verify_application(const std::vector<std::uint8_t>& signed_application,
                                         std::int64_t now) const;
  // Every rule of the CA's intake policy on a verified application; throws the first refusal.
  // Intake checks that need no transaction slot in here.
  AcceptedApplication check_policy(const VerifiedApplication& application, std::int64_t now) const;
  Submission persist(const std::string& request_hash, const VerifiedApplication& application,
                     const AcceptedApplication& accepted, std::int64_t now);

  ApplicationRecord authorised(StoreTx& tx, const std::string& business_no,
                               const std::string& capability);
  // The application view; for operators the online payments carry the gateway's reference.
  // `just_stored`: `r` was stored by this transaction (intake): nothing can have been
  // transferred, paid or refunded for it yet, so none of that is read back.
  protocol::ApplicationView view(StoreTx& tx, const ApplicationRecord& r, bool for_operator = false,
                                 bool just_stored = false) const;
  // The view from the application's lists (StoreTx::application_details), read by the caller.
  protocol::ApplicationView view(const ApplicationRecord& r, const ApplicationDetails& details,
                                 bool for_operator) const;
  // A job queued in a request's transaction. When the issuer answers at once (the built-in CA)
  // the job is claimed for this process in that same transaction, and `application` is the
  // record as committed: carrying it out then costs one commit and one read fewer (issue 17).
  struct QueuedJob {
    struct Claimed {
      IssuerJob job;
      ApplicationRecord application;
    };
    std::int64_t id = 0;
    std::optional<Claimed> claimed;
  };
  // Approval: the decision recorded (approved, no certificate yet) and the issuance queued;
  // returns the job. issue_automatically: the same for auto-approval (service/issuer_jobs.cpp).
  QueuedJob queue_issuance(StoreTx& tx, ApplicationRecord& r, const std::string& actor);
  QueuedJob issue_automatically(StoreTx& tx, ApplicationRecord& r);
  // After the queueing transaction committed: a built-in issuer carries the job out now (the
  // answer then shows the certificate); any other wakes the worker. Returns the refusal when a
  // built-in issuer refused (the application is back under review), else nothing.
  std::optional<std::string> start_issuer_job(const QueuedJob& job);
  // After an installation is confirmed: the superseded certificate revoked by the issuer that
  // issued it; for an external CA a revocation job, in the installation's transaction
  // (service/issuer_revocation.cpp). Returns the job, if one was queued.
  std::optional<std::int64_t> revoke_superseded_at_issuer(StoreTx& tx,
                                                          const ApplicationRecord& renewal);
  // One claimed job, start to settlement; returns its refusal (the issuer's final no), if any.
  // `known`: the job's application as just committed by the caller (no need to read it again).
  std::optional<std::string> carry_out_issuer_job(const IssuerJob& job, const std::string& worker,
                                                  const ApplicationRecord* known = nullptr);
  // What an approved application gets from the issuer: the one call site of Issuer::issue.
  std::vector<std::uint8_t> issue_at_issuer(const ApplicationRecord& r);
  std::int64_t now_unix() const;
  // One live online payment per application (service/payments.cpp): closes the pending ones in
  // the store (ids to close at the gateway after commit); closes them there; the view's part.
  std::vector<std::string> close_online_payments(StoreTx& tx, const ApplicationRecord& r,
                                                 const std::string& actor);
  void close_at_gateway(const std::vector<std::string>& payment_ids);
  void add_online_payments(const ApplicationRecord& r, const ApplicationDetails& details,
                           bool for_operator, protocol::ApplicationView& view) const;

  ServerConfig config_;
  std::unique_ptr<Store> store_;
  Now now_;
  std::unique_ptr<Issuer> issuer_;
  // The issuer's CA certificate decoded once: intake checks every applicant's chain against it.
  pki::SharedCertificate ca_anchor_;
  Agreement agreement_;
  std::vector<std::uint8_t> capability_key_;
  PaymentGateway* gateway_ = nullptr;
  Notifier notifier_;        // writes each state change's notifications into the outbox (issue 19)
  KeyManagementCentre kmc_;  // issue 21: SM2 dual certificates
  std::function<void()> issuer_job_wake_;
  std::string inline_worker_;  // the lease owner of jobs carried out at once
};

// Reads a secret key file (hex); throws naming the file.
std::vector<std::uint8_t> read_secret_file(const std::filesystem::path& file);

}  // namespace certrenew::server
