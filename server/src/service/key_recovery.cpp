// Issue 21: key recovery, a back-office act. An escrowed encryption key (named by its
// certificate's serial) is re-delivered to a later application of the same holder, sealed to that
// application's new signing key, so that documents sealed to the old encryption certificate open
// on the new token. Admins only: handing a holder's decryption key to a token is a custody act,
// kept apart from the reviewers who decide applications. One audit entry per recovery.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "certrenew/core/pki/sm2_envelope.hpp"
#include "service/audit_trail.hpp"
#include "service/catalogue_errors.hpp"
#include "service/renewal_service.hpp"
#include "service/service_support.hpp"

namespace certrenew::server {

using protocol::BusinessState;

namespace {

// Upper-case hex as x509::Certificate writes serials; anything else is refused, never echoed.
std::string normalised_serial(std::string serial) {
  if (serial.empty() || serial.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
    throw kmc_error(400, "bad_serial", "recovery.bad_serial");
  for (char& c : serial) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return serial;
}

std::string not_after_of(const EscrowedKeyRecord& key) {
  return iso_utc(x509::parse_certificate(key.certificate_der).not_after.time_since_epoch().count());
}

}  // namespace

protocol::EscrowedKeys RenewalService::admin_escrowed_keys(const std::string& business_no,
                                                           const Actor& by) {
  require(by, Permission::view);
  protocol::EscrowedKeys out;
  store_->transact([&](StoreTx& tx) {
    auto r = tx.application_by_business_no(business_no);
    if (!r) throw no_such_application();
    const Bytes subject = x509::parse_certificate(r->old_cert_der).subject.der;
    std::set<std::string> delivered;
    for (const auto& rec : tx.key_recoveries(r->id)) delivered.insert(rec.serial_hex);
    out = {r->business_no, {}};
    for (const EscrowedKeyRecord& k : tx.escrowed_keys_for_subject(subject)) {
      auto origin = tx.application_by_id(k.application_id);
      out.keys.push_back({k.serial_hex, origin ? origin->business_no : std::string(),
                          iso_utc(k.created_at), not_after_of(k),
                          k.application_id == r->id || delivered.contains(k.serial_hex)});
    }
  });
  return out;
}

protocol::RecoveredKeys RenewalService::admin_recover_encryption_key(
    const std::string& business_no, const Actor& by, const protocol::RecoverKeyRequest& request) {
  require(by, Permission::recover_keys);
  const std::string serial = normalised_serial(request.serial);
  if (!kmc_.enabled()) throw kmc_error(409, "kmc_disabled", "recovery.kmc_off");
  protocol::RecoveredKeys out;
  store_->transact([&](StoreTx& tx) {
    auto r = tx.application_by_business_no(business_no);
    if (!r) throw no_such_application();
    const BusinessState state = business(*r);
    if (state != BusinessState::under_review && state != BusinessState::approved)
      throw kmc_error(409, "invalid_state", "recovery.state", {{"state", r->state}});
    auto key = tx.escrowed_key(serial);
    if (!key) throw kmc_error(404, "no_such_escrowed_key", "recovery.unknown_key");
    if (key->subject_der != x509::parse_certificate(r->old_cert_der).subject.der)
      throw kmc_error(409, "subject_mismatch", "recovery.subject_mismatch");
    if (key->application_id == r->id) throw kmc_error(409, "own_key", "recovery.own_key");
    const pki::CsrInfo csr = pki::verify_csr(r->csr_der);  // verified at intake; the new key
    const auto already = tx.key_recoveries(r->id);
    const bool again = std::any_of(already.begin(), already.end(),
                                   [&](const auto& k) { return k.serial_hex == serial; });
    if (!again) {
      PkeyPtr private_key;
      try {
        private_key = kmc_.open(*key);
      } catch (const EscrowError& e) {
        spdlog::error("key recovery for {}: {}", r->business_no, e.what());
        throw kmc_error(409, "escrowed_key_unavailable", "recovery.unavailable");
      }
      Bytes envelope;
      try {
        envelope = pki::seal_sm2_envelope(csr.spki_der, private_key.get());
      } catch (const pki::PkiError&) {  // the new signing key is not SM2
        throw kmc_error(400, "encryption_needs_sm2_key", "encryption.needs_sm2_key");
      }
      const std::int64_t now = now_unix();
      tx.add_key_recovery({r->id, serial, envelope, "operator:" + by.name, now});
      tx.append_event(r->id, {now, "operator:" + by.name, "encryption_key_recovered",
                              "escrowed encryption key " + serial});
      audit_operator_act(tx, by, "recover_encryption_key", *r, *r,
                         "escrowed encryption key " + serial, now);
    }
    out = {r->business_no, {}};
    for (const auto& rec : tx.key_recoveries(r->id))
      out.recovered.push_back({rec.serial_hex, rec.recovered_by, iso_utc(rec.created_at)});
  });
  return out;
}

}  // namespace certrenew::server
