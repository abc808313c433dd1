// Step 5 (输入证书的密码, 确定): a new key pair on the token, its PKCS#10 request, the application
// signed with the old certificate's key, and its submission. Private keys never leave the token:
// both signatures are made by the token through TokenSigner.
#include <openssl/rand.h>

#include <algorithm>

#include <spdlog/spdlog.h>
#include "certrenew/client/flow/renewal_flow.hpp"
#include "certrenew/core/pki/csr.hpp"
#include "certrenew/core/pki/error.hpp"
#include "certrenew/core/pki/signed_data.hpp"
#include "certrenew/core/protocol/requests.hpp"
#include "certrenew/core/time/utc_time.hpp"
#include "certrenew/core/token/token_error.hpp"
#include "certrenew/core/token/token_signer.hpp"

#include "error_mapping.hpp"
#include "flow_text.hpp"
#include "submission_outbox.hpp"

namespace certrenew::client {
namespace {

std::string random_nonce() {
  unsigned char raw[16];
  if (RAND_bytes(raw, sizeof raw) != 1) throw std::runtime_error("no randomness for the nonce");
  return to_hex(ByteView(raw, sizeof raw));
}

// The new key has the old one's algorithm and size when the service still allows it; otherwise
// the first allowed type (e.g. a CA that moved from RSA to SM2).
std::pair<token::KeyType, unsigned> new_key_type(const x509::Certificate& old,
                                                 const ServiceInfo& info) {
  auto allowed = [&](std::string_view t) {
    for (const auto& a : info.allowed_key_types)
      if (a == t) return true;
    return info.allowed_key_types.empty();
  };
  switch (old.public_key.type) {
    case x509::KeyType::rsa:
      if (allowed("rsa"))
        return {token::KeyType::rsa, static_cast<unsigned>(std::max(old.public_key.bits, 2048))};
      break;
    case x509::KeyType::ec_p256:
      if (allowed("ec_p256")) return {token::KeyType::ec_p256, 0};
      break;
    case x509::KeyType::sm2:
      if (allowed("sm2")) return {token::KeyType::sm2, 0};
      break;
    case x509::KeyType::other:
      break;
  }
  for (const auto& a : info.allowed_key_types) {
    if (a == "ec_p256") return {token::KeyType::ec_p256, 0};
    if (a == "sm2") return {token::KeyType::sm2, 0};
    if (a == "rsa") return {token::KeyType::rsa, 2048};
  }
  return {token::KeyType::ec_p256, 0};
}

void report(const SignProgress& progress, SignStage stage) {
  spdlog::info("signing: {}", code(stage));
  if (progress) progress(stage);
}

}  // namespace

void RenewalFlow::accept_submission(const SubmitAnswer& answer, const std::string& token_id,
                                    const Bytes& new_key_id, int period_months,
                                    const Bytes& old_cert) {
  ApplicationView view = answer.application;
  ApplicationRecord r;
  r.business_no = view.business_no;
  r.capability_token = answer.capability_token;
  r.service_url = ctx_.service->base_url();
  r.token_id = token_id;
  r.old_certificate = old_cert;
  r.new_key_id = new_key_id;
  r.period_months = period_months;
  r.phase = LocalPhase::applied;
  spdlog::info("application {} accepted by {}", r.business_no, r.service_url);
  record_ = std::move(r);
  adopt_view(std::move(view));
  SubmissionOutbox(ctx_.store->folder()).remove(old_cert);
}

bool RenewalFlow::resend_pending_submission() {
  if (!certificate_) return false;
  SubmissionOutbox outbox(ctx_.store->folder());
  auto pending = outbox.get(certificate_->der);
  if (!pending) return false;
  try {
    auto answer = ctx_.service->submit(pending->signed_application);
    accept_submission(answer, pending->token_id, pending->new_key_id, pending->period_months,
                      pending->old_certificate);
    return true;
  } catch (const ServiceError& e) {
    if (is_definite_refusal(e)) {
      // Never accepted (and now stale or refused): the request is dropped and made anew. The
      // key generated for it is removed after the login that follows.
      outbox.remove(certificate_->der);
      note_leftover_key(pending->token_id, pending->new_key_id, "refused", "");
      return false;
    }
    throw submission_kept_error(e);  // the service may hold it: kept for the next try
  }
}

void RenewalFlow::sign_and_submit(const SecureBuffer& pin, const SignProgress& progress) {
  require_step({FlowStep::sign}, FlowAction::sign);
  if (!form_ || !agreement_ || !agreement_accepted_ || !certificate_)
    throw FlowError(FlowError::Kind::wrong_step, flow_error("form.incomplete"));
  const CertificateEntry cert = *certificate_;
  const ServiceInfo& service = info();

  if (resend_pending_submission()) {  // signed before, the answer got lost: no new key needed
    report(progress, SignStage::saved);
    return;
  }

  token::Session session = ctx_.inventory->open_session(cert.token.id);
  auto present = ctx_.inventory->find_token(cert.token.id);
  if (present && present->info.pin.locked) throw token_locked_error();

  report(progress, SignStage::login);
  // Many tokens list private keys only after login, so this is the first place to be sure the
  // certificate's key is there; nothing has been generated yet.
  std::vector<token::TokenObject> objects = login_and_list(session, pin);
  const bool has_key = std::any_of(
      objects.begin(), objects.end(),
      [&](const token::TokenObject& o) { return o.id == cert.id && o.key.has_value(); });
  if (!has_key) throw FlowError(FlowError::Kind::key_missing, flow_error("key.not_on_token"));
  // Room for the new key: keys of cancelled or rejected applications go first.
  remove_leftover_keys(session, cert.token.id, objects);

  // A key an earlier attempt generated and never sent is used again (a retry after a failure).
  std::optional<token::GeneratedKey> fresh = reusable_key(cert.token.id, objects);
  bool keep_key = false;  // true once the service may hold the request
  bool refused = false;   // the service definitely refused it: the key will never be used
  auto discard_key = [&] {
    if (!fresh || keep_key) return;
    if (!refused) {
      keep_key_for_retry(cert.token.id, *fresh);
      return;
    }
    prepared_key_.reset();
    try {
      session.delete_object(token::ObjectKind::private_key, fresh->id);
    } catch (const token::TokenError& e) {
      spdlog::warn("the unused new key could not be deleted now: {}", e.what());
      note_leftover_key(cert.token.id, fresh->id, "unused", "");
    }
  };
  try {
    if (!fresh) {
      report(progress, SignStage::generate_key);
      auto [type, bits] = new_key_type(cert.certificate, service);
      std::string cn = cert.certificate.subject.first("CN");
      fresh = session.generate_key(
          type, bits,
          (cn.empty() ? std::string("certificate") : cn) + " renewal " +
              format_utc_iso(std::chrono::floor<std::chrono::seconds>(ctx_.now())).substr(0, 10));
    }

    report(progress, SignStage::build_request);
    token::TokenSigner new_signer(session, fresh->id, service.sm2_signer_id);
    Bytes csr = pki::build_csr(new_signer, cert.certificate.subject.der);
    protocol::ApplicationContent content;
    content.period_months = form_->period_months;
    content.operator_info = form_->operator_info;
    content.recipient = form_->recipient;
    content.notify = form_->notify;
    content.agreement = {agreement_->version, agreement_->sha256};
    content.csr = csr;
    content.nonce = random_nonce();
    content.time = UtcTime::from(ctx_.now());
    // Dual certificates: the service renews the encryption certificate too (issue 21).
    if (cert.encryption_certificate)
      content.encryption_certificate = x509::parse_certificate(*cert.encryption_certificate);
    const std::string text = protocol::encode_json(protocol::encode(content));

    report(progress, SignStage::sign_request);
    token::TokenSigner old_signer(session, cert.id, service.sm2_signer_id);
    Bytes signed_app = pki::build_signed_data(old_signer, cert.der, as_bytes(text));

    report(progress, SignStage::submit);
    SubmissionOutbox outbox(ctx_.store->folder());
    outbox.put({signed_app, cert.token.id, fresh->id, form_->period_months, cert.der,
                ctx_.service->base_url()});
    SubmitAnswer answer;
    try {
      answer = ctx_.service->submit(signed_app);
    } catch (const ServiceError& e) {
      if (is_definite_refusal(e)) {
        outbox.remove(cert.der);  // refused: the service holds nothing
        refused = true;
        throw from_service_error(e);
      }
      keep_key = true;  // the service may have it: keep key and request to send again
      prepared_key_.reset();
      throw submission_kept_error(e);
    }
    keep_key = true;
    prepared_key_.reset();
    accept_submission(answer, cert.token.id, fresh->id, form_->period_months, cert.der);
    remember_contacts();
    report(progress, SignStage::saved);
  } catch (const token::TokenError& e) {
    spdlog::warn("signing failed on the token: {}", e.what());
    discard_key();
    throw fresh ? with_key_kept(from_token_error(e)) : from_token_error(e);
  } catch (const pki::PkiError& e) {
    discard_key();
    const FlowError failure(FlowError::Kind::token_failure, flow_error("sign.failed", e.what()));
    throw fresh ? with_key_kept(failure) : failure;
  } catch (const FlowError& e) {
    discard_key();
    throw fresh && !keep_key && !refused ? with_key_kept(e) : e;
  } catch (...) {
    discard_key();
    throw;
  }
}

}  // namespace certrenew::client
