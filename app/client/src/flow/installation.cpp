// Step 9 (安装证书), per the install rules in docs/architecture.md: download -> log in -> verify
// against the new key as the token shows it -> write next to the new key -> read back -> confirm ->
// retire the old certificate per policy. Until the confirmation the old certificate and key are
// untouched, and every stage is safe to repeat, so a crash or a pulled token anywhere leaves a
// working certificate and a record from which install() simply runs again.
#include <spdlog/spdlog.h>
#include "certrenew/client/flow/renewal_flow.hpp"
#include "certrenew/core/pki/issued_certificate.hpp"
#include "certrenew/core/token/token_error.hpp"

#include "dual_certificates.hpp"
#include "error_mapping.hpp"
#include "flow_text.hpp"
#include "old_certificate_retirement.hpp"

namespace certrenew::client {
namespace {

void report(const InstallProgress& progress, InstallStage stage) {
  spdlog::info("install: {}", code(stage));
  if (progress) progress(stage);
}

const token::TokenObject* find_id(const std::vector<token::TokenObject>& objects,
                                  const token::ObjectId& id) {
  for (const auto& o : objects)
    if (o.id == id) return &o;
  return nullptr;
}

}  // namespace

IssuerAnchor RenewalFlow::issuer_anchor() {
  info();  // the first contact pins it when nothing is configured
  std::optional<IssuerAnchor> anchor;
  try {
    anchor = ctx_.issuer_trust->anchor();
  } catch (const ConfigError& e) {
    throw FlowError(FlowError::Kind::certificate_rejected,
                    flow_error("install.certificate_refused", e.what(), e.message_zh()))
        .with_detail(e.what());
  }
  if (!anchor)
    throw FlowError(FlowError::Kind::certificate_rejected, flow_error("install.no_issuer_ca"));
  return *anchor;
}

InstallResult RenewalFlow::install(const SecureBuffer& pin, const InstallProgress& progress) {
  require_step({FlowStep::ready_to_install}, FlowAction::install);
  require_record(FlowAction::install);
  InstallResult result;
  result.old_certificate = record_->old_certificate;

  // Download once; the record keeps it so a resumed installation does not depend on the network
  // until the confirmation.
  report(progress, InstallStage::download);
  Bytes chain_ca;
  std::optional<CertificateDownload> download;
  auto fetch = [&] {
    try {
      download = ctx_.service->certificate(record_->business_no, record_->capability_token);
    } catch (const ServiceError& e) {
      throw from_service_error(e);
    }
  };
  if (!record_->issued_certificate) {
    try {
      fetch();
      record_->issued_certificate = download->certificate;
    } catch (const FlowError&) {
      throw;
    } catch (const ServiceError& e) {
      throw from_service_error(e);
    } catch (const std::exception& e) {
      throw FlowError(FlowError::Kind::service_refused,
                      flow_error("install.unusable_certificate", e.what()));
    }
    save_record();
  }
  const Bytes issued = *record_->issued_certificate;
  result.new_certificate = issued;

  // Logged in before looking for the new key: many tokens list private keys only then. Opening
  // the session is part of that step: a token pulled out now fails "log in", not "download".
  report(progress, InstallStage::login);
  token::Session session = ctx_.inventory->open_session(record_->token_id);
  std::vector<token::TokenObject> objects = login_and_list(session, pin);
  remove_leftover_keys(session, record_->token_id, objects);
  const token::TokenObject* fresh = find_id(objects, record_->new_key_id);
  if (!fresh || !fresh->key)
    throw FlowError(FlowError::Kind::key_missing, flow_error("install.new_key_missing"));

  report(progress, InstallStage::verify);
  pki::TrustOptions trust;
  trust.anchors.push_back(issuer_anchor().der);
  trust.sm2_signer_id = info().sm2_signer_id;
  auto check =
      pki::verify_issued_certificate(issued, trust, fresh->key->spki, record_->old_certificate);
  if (!check.ok()) {
    std::string detail;
    for (const auto& f : check.failures)
      detail += std::string(pki::to_string(f.problem)) + ": " + f.detail + "\n";
    spdlog::error("application {}: the issued certificate failed verification: {}",
                  record_->business_no, detail);
    // Drop the download: if the CA re-issues, the next attempt fetches the corrected one.
    record_->issued_certificate.reset();
    save_record();
    throw FlowError(FlowError::Kind::certificate_rejected,
                    flow_error("install.verification_failed"))
        .with_detail(detail);
  }

  // Dual certificates: what the CA delivers for the encryption side is checked before anything
  // is written (a resumed installation asks for it again: the service answers the same until
  // the confirmation, which needs the network anyway).
  if (!download) fetch();
  result.token_id = record_->token_id;
  result.new_key_id = record_->new_key_id;
  result.old_encryption_certificate = encryption_partner(
      objects, x509::parse_certificate(record_->old_certificate),
      download->encryption ? std::optional<Bytes>(download->encryption->certificate.der)
                           : std::nullopt);
  const std::vector<CheckedDelivery> deliveries =
      check_encryption_deliveries(*download, session_token_info(*ctx_.inventory, record_->token_id),
                                  issued, result.old_encryption_certificate, trust);

  try {
    // The encryption pair first: a delivery the token refuses leaves nothing written.
    if (!deliveries.empty()) {
      const EncryptionWritten enc = write_encryption_keys(session, record_->new_key_id, deliveries);
      result.new_encryption_key_id = enc.id;
      result.new_encryption_certificate = deliveries.front().certificate;
      result.recovered_not_stored = enc.not_stored;
    }
    // A previous run may have written it already (crash before the confirmation).
    if (!fresh->certificate) {
      report(progress, InstallStage::write);
      std::string label;
      for (const auto& o : objects)
        if (o.certificate && o.certificate->der == record_->old_certificate)
          label = o.certificate->label;
      if (label.empty()) label = x509::parse_certificate(issued).subject.first("CN");
      session.write_certificate(record_->new_key_id, label, issued);
    } else if (fresh->certificate->der != issued) {
      throw FlowError(FlowError::Kind::token_failure, flow_error("install.slot_taken"));
    }

    report(progress, InstallStage::read_back);
    auto after = session.objects();
    const token::TokenObject* written = find_id(after, record_->new_key_id);
    if (!written || !written->certificate || written->certificate->der != issued)
      throw FlowError(FlowError::Kind::token_failure, flow_error("install.read_back_differs"));

  } catch (const token::TokenError& e) {
    throw from_token_error(e);
  }
  if (record_->phase != LocalPhase::installing_written) {
    record_->phase = LocalPhase::installing_written;
    save_record();
  }
  if (ctx_.install_checkpoint) ctx_.install_checkpoint(InstallStage::read_back);

  report(progress, InstallStage::confirm);
  try {
    view_ = ctx_.service->confirm_installed(record_->business_no, record_->capability_token);
  } catch (const ServiceError& e) {
    throw from_service_error(e);
  }

  report(progress, InstallStage::retire);
  if (ctx_.retire_policy == RetirePolicy::remove)
    result.old_retired =
        retire_old_certificate(session, record_->new_key_id, record_->old_certificate);

  record_->business_state = view_->state;
  record_->payment_state = view_->payment_state;
  record_->phase = LocalPhase::completed;
  save_record();
  step_ = FlowStep::done;
  report(progress, InstallStage::done);
  return result;
}

}  // namespace certrenew::client
