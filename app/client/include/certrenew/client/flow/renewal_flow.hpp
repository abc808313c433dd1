#pragma once
// The seed guide's ten-step online renewal as an explicit state machine, with no UI in it: the
// GUI's screens and certrenew-cli both drive this class. Each method is a user's action; it checks
// that the flow is at a step where the action makes sense (FlowError::wrong_step otherwise), does
// the work (token, network: the calls block, so a GUI runs them on a worker thread, one at a
// time) and moves to the next step. An action that fails leaves the step unchanged.
//
// Steps (seed numbering):            FlowStep
//  1 证书续期 on a certificate          choose_certificate -> renewal_panel | service_hall
//  2 申请续期                           renewal_panel -> agreement
//  3 accept the agreement, 下一步       agreement -> form
//  4 period, operator, recipient, 提交  form -> sign
//  5 PIN, 确定 (new key, CSR, signing)  sign -> payment
//  6 立即支付 / 撤销申请                payment -> cancelled
//  7 bank transfer 保存 / online pay    payment -> waiting_review
//  8 查询进度                           waiting_review -> ready_to_install | rejected
//  9 安装证书                           ready_to_install -> done
// 10 validity extended                 done
//
// Every change after submission is written to the ApplicationStore first, so that a client that
// is closed (or crashes) resumes with RenewalFlow::resume() where it stopped.

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "certrenew/client/flow/flow_error.hpp"
#include "certrenew/client/flow/issuer_trust.hpp"
#include "certrenew/client/flow/renewal_form.hpp"
#include "certrenew/client/flow/self_test.hpp"
#include "certrenew/client/flow/service_facts.hpp"
#include "certrenew/client/flow/token_inventory.hpp"
#include "certrenew/client/service/service_api.hpp"
#include "certrenew/client/store/application_store.hpp"
#include "certrenew/client/store/client_config.hpp"
#include "certrenew/client/store/remembered_contacts.hpp"
#include "certrenew/core/secure_buffer.hpp"

namespace certrenew::client {

enum class FlowStep {
  choose_certificate,
  service_hall,  // the certificate expired (or is not valid yet): online renewal impossible
  renewal_panel,
  agreement,
  form,
  sign,
  payment,
  waiting_review,
  ready_to_install,
  done,
  cancelled,
  rejected,
};

std::string_view code(FlowStep step);
int seed_step(FlowStep step);  // 1..10 as in the guide (service_hall 1, cancelled 6, rejected 8)

// What a person asked the flow to do (named in the message when it is refused).
enum class FlowAction {
  choose_certificate,
  apply,
  show_agreement,
  accept_agreement,
  submit_form,
  sign,
  go_back,
  cancel,
  save_transfers,
  pay_online,
  query_progress,
  install,
};
// The step and the action as a person reads them, in the screen's words (never the codes).
std::string_view step_name(FlowStep step, Language language);
std::string_view action_name(FlowAction action, Language language);

// Stages of the two long actions, reported as they start (progress for the UI).
enum class SignStage { login, generate_key, build_request, sign_request, submit, saved };
enum class InstallStage { download, login, verify, write, read_back, confirm, retire, done };
std::string_view code(SignStage stage);
std::string_view code(InstallStage stage);
using SignProgress = std::function<void(SignStage)>;
using InstallProgress = std::function<void(InstallStage)>;

// What the flow works with. The pointers must outlive the flow.
struct FlowContext {
  ServiceApi* service = nullptr;
  ApplicationStore* store = nullptr;
  const TokenInventory* inventory = nullptr;
  RetirePolicy retire_policy = RetirePolicy::keep;
  // The CA renewed certificates must chain to (configured or pinned; never the service's word at
  // install time). The default pins in memory at this flow's first contact; Runtime gives the
  // configured or persistently pinned one.
  std::shared_ptr<IssuerTrust> issuer_trust = std::make_shared<IssuerTrust>();
  std::function<std::chrono::system_clock::time_point()> now = [] {
    return std::chrono::system_clock::now();
  };
  // Called once the new certificate is written and read back, before the service is told. Tests
  // use it to stop the client right there and check that the next run finishes the job.
  std::function<void(InstallStage)> install_checkpoint;
};

struct InstallResult {
  Bytes old_certificate;  // DER
  Bytes new_certificate;  // DER
  bool old_retired = false;
  // SM2 dual certificates (issue 21): the new encryption certificate written next to the new
  // signing key, and the previous one, which stays on the token with its key (key history).
  std::string token_id;
  token::ObjectId new_key_id;
  std::optional<Bytes> new_encryption_certificate;  // DER
  std::optional<token::ObjectId> new_encryption_key_id;
  std::optional<Bytes> old_encryption_certificate;  // DER
  std::vector<std::string> recovered_not_stored;    // fingerprints of recovered keys without room
};

class RenewalFlow {
 public:
  explicit RenewalFlow(FlowContext context);
  // A flow at the step the record (and the service, if reachable) says. The service is asked
  // for the current state; when it cannot be reached the record's last known state is used.
  static RenewalFlow resume(FlowContext context, ApplicationRecord record);

  FlowStep step() const { return step_; }

  // Step 1. Checks precondition 1 against the service's renewal window: an expired or not yet
  // valid certificate moves to service_hall and blocked_reason() holds the guidance; too early
  // throws too_early. Whether the certificate's key is on the token is checked at signing, after
  // the login (many tokens list private keys only to a logged-in user). A signed
  // application whose answer was lost (see submission_outbox) is sent again here. A pending
  // application for this certificate in the local store is resumed (its step is taken); one the
  // service knows but this client lost throws application_open. Needs the service (info) once.
  void choose(const CertificateEntry& certificate);
  const std::optional<CertificateEntry>& certificate() const { return certificate_; }
  const std::optional<ServiceInfo>& service_info() const { return info_; }
  // Why the flow stopped at service_hall (expired / not yet valid), in both languages.
  const std::optional<FlowError>& blocked_reason() const { return blocked_; }

  // Step 2: 申请续期.
  void start_application();
  // Step 3.
  const AgreementText& load_agreement(Language language);
  void accept_agreement(bool accepted);
  // Step 4.
  const FeeSchedule& load_fees();
  // Empty result: accepted, the flow is at sign. Otherwise the problems (step unchanged). Also
  // accepted at sign, so 提交 pressed again after a failed signing or submission simply retries.
  std::vector<FieldProblem> submit_form(const RenewalForm& form);
  const std::optional<RenewalForm>& form() const { return form_; }
  // Issue 19, the form remembers (store/remembered_contacts.hpp): what was kept from the last
  // accepted application for the chosen certificate's subject, the form to start with (those
  // contacts filled in, the ID number empty), and forgetting them. Without a chosen certificate:
  // nothing / the empty form / false.
  std::optional<RememberedContacts> remembered_contacts() const;
  RenewalForm initial_form() const;
  bool forget_contacts();
  // Step 5: logs in, generates the new key on the token (same algorithm as the old one), builds
  // the CSR and the signed application, submits it, saves the record. A wrong PIN throws
  // pin_incorrect and changes nothing; the flow never retries a PIN by itself. A retry after a
  // failure reuses what was done: the signed request kept in the outbox is sent again (the
  // service answers it with the same application), and a key generated by an attempt that failed
  // before sending is used again instead of a new one.
  void sign_and_submit(const SecureBuffer& pin, const SignProgress& progress = {});
  // Steps 6-7 (while the service allows them).
  void cancel();
  void save_bank_transfers(const std::vector<BankTransferRecord>& records);
  OnlinePayment start_online_payment();
  // Step 8: 查询进度. Updates the step from the service's state.
  const ApplicationView& refresh();
  // When the service last answered a refresh (or the submission); a failed check leaves it.
  std::optional<std::chrono::system_clock::time_point> last_checked() const {
    return last_checked_;
  }
  // Step 9: download, verify, log in, write next to the new key, read back, confirm, then retire
  // the old certificate per policy. Resumes a half-done installation (certificate already written).
  InstallResult install(const SecureBuffer& pin, const InstallProgress& progress = {});
  // After the installation (issue 21): the self-test of the new certificate on its token (it
  // signs; with dual certificates, data sealed to the new and the previous encryption certificate
  // opens). Logs in with `pin`; a failure to reach the token is a failed signing check.
  std::vector<SelfTestResult> self_test(const SecureBuffer& pin, const InstallResult& installed);

  const std::optional<ApplicationRecord>& record() const { return record_; }
  const std::optional<ApplicationView>& view() const { return view_; }
  // Goes back one step where the guide allows it (agreement/form/sign before submission).
  void back();

 private:
  void require_step(std::initializer_list<FlowStep> allowed, FlowAction action) const;
  void remember_contacts() noexcept;  // after an accepted submission; a failure is only logged
  const ServiceInfo& info();
  void adopt_view(ApplicationView view);
  void save_record();
  void step_from_record();
  bool resend_pending_submission();
  void accept_submission(const SubmitAnswer& answer, const std::string& token_id,
                         const Bytes& new_key_id, int period_months, const Bytes& old_cert);
  const ApplicationRecord& require_record(FlowAction action) const;
  // A key an earlier signing attempt of this flow generated and never sent, still on the token as
  // a bare key: used again by the retry (nullopt: generate one).
  std::optional<token::GeneratedKey> reusable_key(const std::string& token_id,
                                                  const std::vector<token::TokenObject>& objects);
  void keep_key_for_retry(const std::string& token_id, const token::GeneratedKey& key);
  // First contact: the issuing CA is pinned unless configured or pinned already (issuer_trust).
  void pin_issuer();
  // The CA the renewed certificate must chain to; throws certificate_rejected when there is none
  // or its file is unusable.
  IssuerAnchor issuer_anchor();
  // Keys generated for applications that will never use them (leftover_keys.hpp): listed when
  // that becomes known, deleted at the next login to their token. Both are best effort: a key
  // that stays behind is wasted space on the token, never a reason to fail the user's action.
  void note_leftover_key(const std::string& token_id, const Bytes& key_id, const char* reason,
                         const std::string& business_no);
  // `objects`: the token's objects as listed after the login.
  void remove_leftover_keys(token::Session& session, const std::string& token_id,
                            const std::vector<token::TokenObject>& objects);

  FlowContext ctx_;
  FlowStep step_ = FlowStep::choose_certificate;
  std::optional<ServiceInfo> info_;
  std::optional<CertificateEntry> certificate_;
  std::optional<AgreementText> agreement_;
  bool agreement_accepted_ = false;
  std::optional<FeeSchedule> fees_;
  std::optional<RenewalForm> form_;
  std::optional<ApplicationRecord> record_;
  std::optional<ApplicationView> view_;
  std::optional<FlowError> blocked_;
  std::optional<std::chrono::system_clock::time_point> last_checked_;
  struct PreparedKey {
    std::string token_id;
    token::GeneratedKey key;
  };
  std::optional<PreparedKey> prepared_key_;  // see reusable_key()
};

}  // namespace certrenew::client
