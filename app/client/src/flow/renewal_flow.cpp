// The state machine's bookkeeping and the short steps (1-4, 6-8). Signing and installing, the two
// steps that touch the token, live in application_signing.cpp and installation.cpp.
#include "certrenew/client/flow/renewal_flow.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include <spdlog/spdlog.h>

#include "certrenew/core/lookup_table.hpp"
#include "error_mapping.hpp"
#include "flow_text.hpp"
#include "leftover_keys.hpp"
#include "submission_outbox.hpp"

namespace certrenew::client {

constexpr auto kFlowStepCodes = std::to_array<std::pair<FlowStep, std::string_view>>({
    {FlowStep::choose_certificate, "choose_certificate"},
    {FlowStep::service_hall, "service_hall"},
    {FlowStep::renewal_panel, "renewal_panel"},
    {FlowStep::agreement, "agreement"},
    {FlowStep::form, "form"},
    {FlowStep::sign, "sign"},
    {FlowStep::payment, "payment"},
    {FlowStep::waiting_review, "waiting_review"},
    {FlowStep::ready_to_install, "ready_to_install"},
    {FlowStep::done, "done"},
    {FlowStep::cancelled, "cancelled"},
    {FlowStep::rejected, "rejected"},
});

std::string_view code(FlowStep step) {
  return lookup(kFlowStepCodes, step).value_or("unknown");
}

// The guide's step (1..10) each flow step belongs to.
constexpr auto kSeedSteps = std::to_array<std::pair<FlowStep, int>>({
    {FlowStep::choose_certificate, 1},
    {FlowStep::service_hall, 1},
    {FlowStep::renewal_panel, 2},
    {FlowStep::agreement, 3},
    {FlowStep::form, 4},
    {FlowStep::sign, 5},
    {FlowStep::payment, 6},
    {FlowStep::cancelled, 6},
    {FlowStep::waiting_review, 8},
    {FlowStep::rejected, 8},
    {FlowStep::ready_to_install, 9},
    {FlowStep::done, 10},
});

int seed_step(FlowStep step) {
  return lookup(kSeedSteps, step).value_or(0);
}

constexpr auto kSignStageCodes = std::to_array<std::pair<SignStage, std::string_view>>({
    {SignStage::login, "login"},
    {SignStage::generate_key, "generate_key"},
    {SignStage::build_request, "build_request"},
    {SignStage::sign_request, "sign_request"},
    {SignStage::submit, "submit"},
    {SignStage::saved, "saved"},
});

std::string_view code(SignStage stage) {
  return lookup(kSignStageCodes, stage).value_or("unknown");
}

constexpr auto kInstallStageCodes = std::to_array<std::pair<InstallStage, std::string_view>>({
    {InstallStage::download, "download"},
    {InstallStage::verify, "verify"},
    {InstallStage::login, "login"},
    {InstallStage::write, "write"},
    {InstallStage::read_back, "read_back"},
    {InstallStage::confirm, "confirm"},
    {InstallStage::retire, "retire"},
    {InstallStage::done, "done"},
});

std::string_view code(InstallStage stage) {
  return lookup(kInstallStageCodes, stage).value_or("unknown");
}

namespace {

FlowStep step_for(protocol::BusinessState s, protocol::PaymentState p, LocalPhase phase) {
  using protocol::BusinessState;
  switch (s) {
    case BusinessState::entered:
      return p == protocol::PaymentState::unpaid ? FlowStep::payment : FlowStep::waiting_review;
    case BusinessState::under_review:
      return FlowStep::waiting_review;
    case BusinessState::approved:
      return FlowStep::ready_to_install;
    // Confirmed to the service, but this client may still have the old certificate to retire.
    case BusinessState::completed:
      return phase == LocalPhase::completed ? FlowStep::done : FlowStep::ready_to_install;
    case BusinessState::rejected:
      return FlowStep::rejected;
    case BusinessState::cancelled:
      return FlowStep::cancelled;
  }
  return FlowStep::payment;
}

bool is_open(const ApplicationRecord& r) {
  return r.phase != LocalPhase::completed && r.phase != LocalPhase::cancelled &&
         r.business_state != protocol::BusinessState::rejected &&
         r.business_state != protocol::BusinessState::cancelled;
}

// A certificate that has been renewed is not renewed again (issue 16, 2): a newer certificate of
// the same subject on its token (kept there by the "keep" retire policy), or an application of
// this client that completed its renewal. The service refuses it too (409 already_renewed).
void refuse_if_renewed(const FlowContext& ctx, const CertificateEntry& certificate,
                       const std::vector<ApplicationRecord>& records) {
  if (ctx.inventory) {
    const auto on_tokens = ctx.inventory->certificates();
    if (const CertificateEntry* next = successor_of(on_tokens, certificate)) {
      const std::string until =
          format_utc_iso(std::chrono::floor<std::chrono::seconds>(next->certificate.not_after))
              .substr(0, 10);
      throw FlowError(FlowError::Kind::already_renewed,
                      flow_error("certificate.renewed_on_token", until))
          .with_detail(format_fingerprint_prefix(*next));
    }
  }
  for (const auto& r : records)
    if (r.old_certificate == certificate.der && r.phase == LocalPhase::completed)
      throw FlowError(FlowError::Kind::already_renewed,
                      flow_error("certificate.renewed", r.business_no))
          .with_detail(r.business_no);
}

}  // namespace

RenewalFlow::RenewalFlow(FlowContext context) : ctx_(std::move(context)) {
  if (!ctx_.service || !ctx_.store || !ctx_.inventory || !ctx_.issuer_trust)
    throw std::invalid_argument(
        "RenewalFlow needs a service client, a store, an inventory and an issuer trust");
}

RenewalFlow RenewalFlow::resume(FlowContext context, ApplicationRecord record) {
  RenewalFlow flow(std::move(context));
  flow.record_ = std::move(record);
  flow.step_from_record();
  try {
    flow.refresh();
  } catch (const FlowError& e) {
    if (e.kind() != FlowError::Kind::service_unreachable) throw;
    // Offline: the record's last known state stands; the next refresh corrects it.
  }
  return flow;
}

void RenewalFlow::require_step(std::initializer_list<FlowStep> allowed, FlowAction action) const {
  for (FlowStep s : allowed)
    if (s == step_) return;
  throw FlowError(FlowError::Kind::wrong_step,
                  flow_error_in_words("wrong_step",
                                      [&](Language language) {
                                        return std::tuple(action_name(action, language),
                                                          step_name(step_, language));
                                      }))
      .with_detail(std::string(code(step_)));
}

const ApplicationRecord& RenewalFlow::require_record(FlowAction action) const {
  if (!record_)
    throw FlowError(FlowError::Kind::wrong_step,
                    flow_error_in_words("no_application", [&](Language language) {
                      return std::tuple(action_name(action, language));
                    }));
  return *record_;
}

const ServiceInfo& RenewalFlow::info() {
  if (!info_) {
    try {
      info_ = ctx_.service->info();
    } catch (const ServiceError& e) {
      throw from_service_error(e);
    }
    pin_issuer();
  }
  return *info_;
}

void RenewalFlow::pin_issuer() {
  try {
    ctx_.issuer_trust->on_contact(info_->ca_certificate);
  } catch (const ConfigError& e) {
    // The renewal can go on; installing refuses until the anchor is repaired (diagnostics say so).
    spdlog::error("issuing CA: {}", e.what());
  } catch (const std::exception& e) {
    spdlog::error("the issuing CA could not be pinned: {}", e.what());
  }
}

std::optional<token::GeneratedKey> RenewalFlow::reusable_key(
    const std::string& token_id, const std::vector<token::TokenObject>& objects) {
  if (!prepared_key_ || prepared_key_->token_id != token_id) return std::nullopt;
  for (const token::TokenObject& o : objects)
    if (o.id == prepared_key_->key.id && o.key && !o.certificate) {
      spdlog::info("signing again with key {} generated by the attempt that failed", to_hex(o.id));
      return token::GeneratedKey{o.id, o.key->spki};
    }
  prepared_key_.reset();  // gone (deleted, another token): a new one is made
  return std::nullopt;
}

void RenewalFlow::keep_key_for_retry(const std::string& token_id, const token::GeneratedKey& key) {
  prepared_key_ = PreparedKey{token_id, key};
  // Listed too, so an abandoned attempt's key is removed at a later login; the list never
  // touches it while this flow may still use it.
  note_leftover_key(token_id, key.id, "unused", "");
}

void RenewalFlow::step_from_record() {
  const auto& r = *record_;
  step_ = step_for(r.business_state, r.payment_state, r.phase);
  // Approved, but the issuer has not issued the certificate yet (an external CA may take a
  // while, docs/protocol.md): the client keeps waiting and polling until actions.install.
  if (step_ == FlowStep::ready_to_install &&
      r.business_state == protocol::BusinessState::approved && !r.issued_certificate && view_ &&
      !view_->actions.install)
    step_ = FlowStep::waiting_review;
}

void RenewalFlow::save_record() {
  try {
    record_ = ctx_.store->save(*record_);
  } catch (const std::exception& e) {
    throw FlowError(FlowError::Kind::local_store, flow_error("record.not_saved", e.what()));
  }
}

void RenewalFlow::adopt_view(ApplicationView view) {
  auto& r = *record_;
  const bool ended_now =
      view.state != r.business_state && (view.state == protocol::BusinessState::cancelled ||
                                         view.state == protocol::BusinessState::rejected);
  if (ended_now && r.phase != LocalPhase::installing_written && r.phase != LocalPhase::completed)
    note_leftover_key(r.token_id, r.new_key_id, protocol::code(view.state).data(), r.business_no);
  r.business_state = view.state;
  r.payment_state = view.payment_state;
  if (view.state == protocol::BusinessState::cancelled) r.phase = LocalPhase::cancelled;
  if (view.state == protocol::BusinessState::under_review && r.phase == LocalPhase::paying)
    r.phase = LocalPhase::waiting_review;
  view_ = std::move(view);
  last_checked_ = ctx_.now();
  const FlowStep before = step_;
  step_from_record();
  if (before != step_)
    spdlog::info("application {}: {} / {} -> step {}", r.business_no,
                 protocol::code(r.business_state), protocol::code(r.payment_state), code(step_));
  save_record();
}

void RenewalFlow::choose(const CertificateEntry& certificate) {
  require_step({FlowStep::choose_certificate, FlowStep::service_hall, FlowStep::renewal_panel,
                FlowStep::agreement, FlowStep::form, FlowStep::sign, FlowStep::done,
                FlowStep::cancelled, FlowStep::rejected},
               FlowAction::choose_certificate);
  const auto& window_days = info().renewal_window_days;
  x509::RenewalWindow window;
  if (window_days > 0) window.opens_before_expiry = std::chrono::days(window_days);
  auto assessment = x509::assess_renewal(certificate.certificate, ctx_.now(), window);

  // A fresh start: nothing of a previous certificate's flow is kept.
  certificate_ = certificate;
  agreement_.reset();
  agreement_accepted_ = false;
  form_.reset();
  record_.reset();
  view_.reset();
  blocked_.reset();
  last_checked_.reset();
  prepared_key_.reset();

  spdlog::info("certificate {} on token {} chosen: {} days left, window {} days",
               to_hex(certificate.certificate.sha256_fingerprint).substr(0, 16),
               certificate.token.id, assessment.days_left, window_days);
  auto listing = ctx_.store->list();
  // An application still open for it continues below (e.g. an installation to confirm, with the
  // new certificate already on the token); otherwise a renewed certificate stops here.
  const bool continuing = std::any_of(listing.records.begin(), listing.records.end(), [&](auto& r) {
    return r.old_certificate == certificate.der && is_open(r);
  });
  if (!continuing) {
    try {
      refuse_if_renewed(ctx_, certificate, listing.records);
    } catch (const FlowError&) {
      step_ = FlowStep::choose_certificate;
      certificate_.reset();
      throw;
    }
  }
  switch (assessment.status) {
    case x509::RenewalStatus::expired:
      blocked_ = FlowError(FlowError::Kind::expired, flow_error("certificate.expired"));
      step_ = FlowStep::service_hall;
      return;
    case x509::RenewalStatus::not_yet_valid:
      blocked_ = FlowError(FlowError::Kind::not_yet_valid, flow_error("certificate.not_yet_valid"));
      step_ = FlowStep::service_hall;
      return;
    case x509::RenewalStatus::too_early: {
      std::string opens =
          assessment.window_opens
              ? format_utc_iso(std::chrono::floor<std::chrono::seconds>(*assessment.window_opens))
                    .substr(0, 10)
              : std::string("?");
      step_ = FlowStep::choose_certificate;
      certificate_.reset();
      throw FlowError(FlowError::Kind::too_early,
                      flow_error("certificate.too_early", window_days, opens))
          .with_detail(opens);
    }
    case x509::RenewalStatus::eligible:
      break;
  }
  // An application this client already made for the certificate continues where it was.
  for (auto& r : listing.records) {
    if (r.old_certificate != certificate.der || !is_open(r)) continue;
    record_ = std::move(r);
    step_from_record();
    try {
      refresh();
    } catch (const FlowError& e) {
      if (e.kind() != FlowError::Kind::service_unreachable) throw;
    }
    return;
  }
  step_ = FlowStep::renewal_panel;
  resend_pending_submission();
}

void RenewalFlow::start_application() {
  require_step({FlowStep::renewal_panel}, FlowAction::apply);
  if (record_)
    throw FlowError(FlowError::Kind::application_open,
                    flow_error("application.open", record_->business_no))
        .with_detail(record_->business_no);
  step_ = FlowStep::agreement;
}

const AgreementText& RenewalFlow::load_agreement(Language language) {
  require_step({FlowStep::agreement}, FlowAction::show_agreement);
  try {
    agreement_ = ctx_.service->agreement(std::string(tag(language)));
  } catch (const ServiceError& e) {
    throw from_service_error(e);
  }
  return *agreement_;
}

void RenewalFlow::accept_agreement(bool accepted) {
  require_step({FlowStep::agreement}, FlowAction::accept_agreement);
  if (!agreement_)
    throw FlowError(FlowError::Kind::agreement_not_accepted, flow_error("agreement.not_shown"));
  if (!accepted)
    throw FlowError(FlowError::Kind::agreement_not_accepted, flow_error("agreement.not_accepted"));
  agreement_accepted_ = true;
  step_ = FlowStep::form;
}

const FeeSchedule& RenewalFlow::load_fees() {
  if (!fees_) {
    try {
      fees_ = ctx_.service->fees();
    } catch (const ServiceError& e) {
      throw from_service_error(e);
    }
  }
  return *fees_;
}

std::vector<FieldProblem> RenewalFlow::submit_form(const RenewalForm& form) {
  require_step({FlowStep::form, FlowStep::sign}, FlowAction::submit_form);
  const auto& fees = load_fees();
  auto today = std::chrono::floor<std::chrono::days>(ctx_.now());
  auto problems = validate_form(form, fees, today);
  if (!problems.empty()) return problems;
  form_ = normalised(form, today);
  step_ = FlowStep::sign;
  return {};
}

void RenewalFlow::back() {
  switch (step_) {
    case FlowStep::agreement:
      step_ = FlowStep::renewal_panel;
      return;
    case FlowStep::form:
      agreement_accepted_ = false;
      step_ = FlowStep::agreement;
      return;
    case FlowStep::sign:
      step_ = FlowStep::form;
      return;
    default:
      require_step({}, FlowAction::go_back);
  }
}

void RenewalFlow::cancel() {
  require_step({FlowStep::payment, FlowStep::waiting_review}, FlowAction::cancel);
  const auto& r = require_record(FlowAction::cancel);
  if (view_ && !view_->actions.cancel)
    throw FlowError(FlowError::Kind::not_ready, flow_error("cancel.too_late"));
  try {
    adopt_view(ctx_.service->cancel(r.business_no, r.capability_token));
  } catch (const ServiceError& e) {
    throw from_service_error(e);
  }
}

void RenewalFlow::save_bank_transfers(const std::vector<BankTransferRecord>& records) {
  require_step({FlowStep::payment, FlowStep::waiting_review}, FlowAction::save_transfers);
  const auto& r = require_record(FlowAction::save_transfers);
  try {
    auto answer = ctx_.service->save_bank_transfers(r.business_no, r.capability_token, records);
    if (!records.empty() && record_->phase == LocalPhase::applied)
      record_->phase = LocalPhase::paying;
    adopt_view(std::move(answer));
  } catch (const ServiceError& e) {
    throw from_service_error(e);
  }
}

OnlinePayment RenewalFlow::start_online_payment() {
  require_step({FlowStep::payment, FlowStep::waiting_review}, FlowAction::pay_online);
  const auto& r = require_record(FlowAction::pay_online);
  try {
    auto payment = ctx_.service->start_online_payment(r.business_no, r.capability_token);
    if (record_->phase == LocalPhase::applied) {
      record_->phase = LocalPhase::paying;
      save_record();
    }
    return payment;
  } catch (const ServiceError& e) {
    throw from_service_error(e);
  }
}

const ApplicationView& RenewalFlow::refresh() {
  const auto& r = require_record(FlowAction::query_progress);
  try {
    adopt_view(ctx_.service->status(r.business_no, r.capability_token));
  } catch (const ServiceError& e) {
    throw from_service_error(e);
  }
  return *view_;
}

void RenewalFlow::note_leftover_key(const std::string& token_id, const Bytes& key_id,
                                    const char* reason, const std::string& business_no) {
  if (key_id.empty()) return;
  try {
    LeftoverKeys(ctx_.store->folder()).add({token_id, key_id, reason, business_no});
    spdlog::info("key {} on token {} is no longer needed ({}); removed at the next login",
                 to_hex(key_id), token_id, reason);
  } catch (const std::exception& e) {
    spdlog::warn("cannot list key {} for removal: {}", to_hex(key_id), e.what());
  }
}

void RenewalFlow::remove_leftover_keys(token::Session& session, const std::string& token_id,
                                       const std::vector<token::TokenObject>& objects) {
  const LeftoverKeys list(ctx_.store->folder());
  const std::vector<LeftoverKey> keys = list.for_token(token_id);
  if (keys.empty()) return;
  // Keys of applications still under way are never touched, whatever the list says.
  std::vector<Bytes> in_use;
  if (record_) in_use.push_back(record_->new_key_id);
  if (prepared_key_) in_use.push_back(prepared_key_->key.id);
  try {
    for (const ApplicationRecord& r : ctx_.store->list().records)
      if (is_open(r)) in_use.push_back(r.new_key_id);
  } catch (const std::exception& e) {
    spdlog::warn("leftover keys kept: the stored applications cannot be listed ({})", e.what());
    return;
  }
  std::vector<Bytes> done;  // deleted now, gone already, or not leftover after all
  for (const LeftoverKey& k : keys) {
    const auto object = std::find_if(objects.begin(), objects.end(),
                                     [&](const token::TokenObject& o) { return o.id == k.key_id; });
    const bool used = std::find(in_use.begin(), in_use.end(), k.key_id) != in_use.end();
    // A key with a certificate beside it is in use by definition (the old certificate's among
    // them, and one the list got wrong); one that is gone needs nothing.
    if (used || object == objects.end() || !object->key || object->certificate) {
      done.push_back(k.key_id);
      continue;
    }
    try {
      session.delete_object(token::ObjectKind::private_key, k.key_id);
      done.push_back(k.key_id);
      spdlog::info("removed key {} from token {}: generated for {} ({}), never used",
                   to_hex(k.key_id), token_id,
                   k.business_no.empty() ? std::string("an application") : k.business_no, k.reason);
    } catch (const token::TokenError& e) {
      spdlog::warn("key {} stays on token {} for now: {}", to_hex(k.key_id), token_id, e.what());
    }
  }
  try {
    list.remove(token_id, done);
  } catch (const std::exception& e) {
    spdlog::warn("the list of leftover keys could not be updated: {}", e.what());
  }
}

}  // namespace certrenew::client
