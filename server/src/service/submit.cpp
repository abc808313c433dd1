// POST /applications: decode -> verify -> policy -> persist, each a step of its own, in the order
// docs/protocol.md lists the checks (the first failure is answered; nothing is stored then).

#include "certrenew/core/x509/decoded_certificate.hpp"
#include "service/application_listing.hpp"
#include "service/capability.hpp"
#include "service/digest.hpp"
#include "service/form_check.hpp"
#include "service/intake_policy.hpp"
#include "service/numbering.hpp"
#include "service/renewal_service.hpp"
#include "service/service_support.hpp"
#include "service/service_text.hpp"

namespace certrenew::server {

using nlohmann::json;
using protocol::BusinessState;
using protocol::PaymentState;

namespace {

std::int64_t to_unix(x509::TimePoint t) {
  return t.time_since_epoch().count();
}

// Maps a verification failure of the signed application to the API's error.
ApiError signed_data_error(const pki::PkiError& e) {
  using pki::PkiErrc;
  switch (e.code()) {
    case PkiErrc::not_trusted:
      return service_error(403, "certificate_not_ours", "signature.not_ours");
    case PkiErrc::bad_signature:
    case PkiErrc::digest_mismatch:
      return service_error(400, "bad_signature", "signature.bad");
    case PkiErrc::signer_certificate_missing:
      return service_error(400, "signer_certificate_missing", "signature.no_certificate");
    case PkiErrc::unsupported_algorithm:
      return service_error(400, "unsupported_algorithm", "signature.unsupported_algorithm");
    default:
      return service_error(400, "malformed_signed_data", "signature.malformed");
  }
}

}  // namespace

// One database transaction per new application (issue 17: each round trip to PostgreSQL counts):
// the checks that need no database run first, then persist() looks for the same signed request
// and stores the application in one transaction.
Submission RenewalService::submit(const std::vector<std::uint8_t>& signed_application) {
  const std::string request_hash = sha256_hex(signed_application);
  const std::int64_t now = now_unix();
  std::optional<VerifiedApplication> application;
  std::optional<AcceptedApplication> accepted;
  try {
    application.emplace(verify_application(signed_application, now));
    accepted.emplace(check_policy(*application, now));
  } catch (const ApiError&) {
    // The same signed request again, after it was accepted, is answered with that application
    // even when it would no longer pass (its time now stale, its agreement since replaced).
    if (auto again = previous_submission(request_hash)) return *again;
    throw;
  }
  try {
    return persist(request_hash, *application, *accepted, now);
  } catch (const StoreConflict& e) {
    // A concurrent request (on this instance or another on the same database) stored the same
    // signed request, or another open application for this certificate, between our look and
    // our insert; the database's constraint refused ours. Persisting again sees theirs and
    // answers as the second comer does: the same application, or 409 application_open.
    if (e.rule() == StoreConflict::Rule::other_unique) throw;
    return persist(request_hash, *application, *accepted, now);
  }
}

// The same signed request twice: the same application, not a second one. Asked only when the
// request no longer passes the checks; persist() asks the same inside its own transaction.
std::optional<Submission> RenewalService::previous_submission(const std::string& request_hash) {
  std::optional<Submission> result;
  store_->transact([&](StoreTx& tx) {
    if (auto existing = tx.application_by_request(request_hash)) {
      if (!capability_live(*existing, config_.policy, now_unix()))
        throw_application_ended(*existing);
      result = Submission{false, capability_for(existing->business_no), view(tx, *existing)};
    }
  });
  return result;
}

// The signature first, then the certificate's dates (an expired certificate is told "service
// hall" rather than "not ours"), then its chain to this CA at the current time, then the content.
RenewalService::VerifiedApplication RenewalService::verify_application(
    const std::vector<std::uint8_t>& signed_application, std::int64_t now) const {
  pki::VerifiedSignedData verified;
  x509::Certificate old;
  try {
    verified = pki::verify_signed_data(signed_application);
    old = x509::describe_certificate(verified.signer_certificate.get());
  } catch (const pki::PkiError& e) {
    throw signed_data_error(e);
  } catch (const x509::CertificateError&) {  // e.g. a validity time that is no valid time
    throw service_error(400, "malformed_signed_data", "certificate.malformed");
  }
  if (to_unix(old.not_after) < now)
    throw service_error(403, "certificate_expired", "certificate.expired");
  if (to_unix(old.not_before) > now)
    throw service_error(403, "certificate_not_yet_valid", "certificate.not_yet_valid");
  const std::int64_t window = std::int64_t{config_.policy.renewal_window_days} * 86400;
  if (to_unix(old.not_after) - now > window)
    throw service_error(403, "renewal_window_not_open", "certificate.window_not_open",
                        {std::to_string(config_.policy.renewal_window_days)});

  pki::TrustOptions trust;
  trust.decoded_anchors.push_back(ca_anchor_);
  trust.at = now_();
  if (pki::ChainCheck chain = pki::check_chain(verified.signer_certificate.get(), trust);
      !chain.trusted)
    throw service_error(403, "certificate_not_ours", "signature.not_ours");
  check_applying_certificate(verified.signer_certificate.get());

  try {
    const json content = protocol::parse_json(std::string_view(
        reinterpret_cast<const char*>(verified.content.data()), verified.content.size()));
    return {std::move(old), std::move(verified.signer_certificate),
            protocol::decode_application_content(content)};
  } catch (const protocol::DecodeError& e) {
    throw malformed(e, "malformed_application");
  }
}

RenewalService::AcceptedApplication RenewalService::check_policy(
    const VerifiedApplication& application, std::int64_t now) const {
  const protocol::ApplicationContent& content = application.content;
  const x509::Certificate& old = application.old_certificate;

  // Freshness: the time must be close to ours (the nonce is claimed when stored).
  if (std::llabs(content.time.unix_seconds() - now) > config_.policy.max_clock_skew_seconds)
    throw service_error(400, "stale_request", "application.stale");

  auto quote = config_.fees.quote(content.period_months);
  if (!quote) throw service_error(400, "period_not_offered", "period.not_offered");

  if (!agreement_.matches(content.agreement.version, content.agreement.sha256))
    throw service_error(409, "agreement_outdated", "agreement.outdated");

  // The new key's request.
  pki::CsrInfo csr;
  try {
    csr = pki::verify_csr(content.csr);
  } catch (const pki::PkiError&) {
    throw service_error(400, "bad_csr", "csr.invalid");
  }
  if (csr.subject_der != old.subject.der)
    throw service_error(400, "subject_mismatch", "csr.subject_mismatch");
  std::string key_fingerprint =
      check_new_key(config_.policy, application.old_x509.get(), csr.public_key.get());
  if (content.encryption_certificate)  // issue 21: a dual-certificate holder
    check_encryption_certificate(*content.encryption_certificate, old, csr, ca_anchor_, now_());

  // throws ApiError(422) with every bad field
  json form = check_application_form(content.operator_info, content.recipient,
                                     std::chrono::floor<std::chrono::days>(now_()));
  form["notify"] = protocol::encode(content.notify);  // issue 19: the channels the operator wants
  return {*quote, std::move(form), std::move(key_fingerprint)};
}

Submission RenewalService::persist(const std::string& request_hash,
                                   const VerifiedApplication& application,
                                   const AcceptedApplication& accepted, std::int64_t now) {
  const x509::Certificate& old = application.old_certificate;
  const protocol::ApplicationContent& content = application.content;
  Submission result;
  store_->transact([&](StoreTx& tx) {
    // The same request, accepted before (a retry) or by a concurrent call: the same application.
    // Asked together with the intake rules, in one statement (issue 17).
    if (auto existing = admit_application(
            tx, config_.policy, {request_hash, old.serial_hex, accepted.key_fingerprint}, now)) {
      if (!capability_live(*existing, config_.policy, now)) throw_application_ended(*existing);
      result.application = view(tx, *existing);
      result.capability_token = capability_for(existing->business_no);
      return;
    }
    if (!tx.claim_nonce(content.nonce,
                        now + 2 * std::int64_t{config_.policy.max_clock_skew_seconds}, now))
      throw service_error(409, "replayed", "application.replayed");

    const ApplicationNumbers numbers = allocate_application_numbers(tx, now);
    ApplicationRecord r;
    r.business_no = numbers.business_no;
    r.order_no = numbers.order_no;
    r.request_sha256 = request_hash;
    r.state = protocol::code(BusinessState::entered);
    r.payment_state = protocol::code(PaymentState::unpaid);
    r.old_cert_serial = old.serial_hex;
    r.old_cert_der = old.der;
    r.old_not_after = to_unix(old.not_after);
    r.csr_der = content.csr;
    r.period_months = content.period_months;
    r.total_fen = accepted.quote.total.fen();
    r.form_json = accepted.form.dump();
    r.agreement_version = content.agreement.version;
    r.agreement_sha256 = content.agreement.sha256;
    r.created_at = r.updated_at = now;
    set_listing_columns(r, old, accepted.form);
    r.id = tx.insert_application(r);
    if (content.encryption_certificate)  // issue 21: approval makes it a dual renewal
      tx.put_encryption_request(r.id, content.encryption_certificate->der, now);
    tx.append_event(r.id, {now, "applicant", "created",
                           "period " + std::to_string(content.period_months) + " months"});
    Notifier::watch(tx, r, old);
    notifier_.record(tx, r, NotifyEvent::submitted, now,
                     {{"bank_company", config_.bank_account.company},
                      {"bank_account", config_.bank_account.account},
                      {"bank_name", config_.bank_account.bank},
                      {"subject", old.subject.first("CN")}});
    if (accepted.quote.total.fen() == 0) {  // nothing to pay: straight to review
      r.payment_state = protocol::code(PaymentState::paid);
      r.state = protocol::code(BusinessState::under_review);
      tx.update_application(r);
    }
    result.created = true;
    result.capability_token = capability_for(r.business_no);
    result.application = view(tx, r, false, true);
  });
  return result;
}

}  // namespace certrenew::server
