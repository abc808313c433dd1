#include "dual_certificates.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "certrenew/client/flow/flow_error.hpp"
#include "certrenew/core/pki/issued_certificate.hpp"
#include "certrenew/core/token/token_error.hpp"
#include "flow_text.hpp"

namespace certrenew::client {

namespace {

bool has(const std::vector<std::string>& list, std::string_view name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

const token::TokenObject* key_with_spki(const std::vector<token::TokenObject>& objects,
                                        const Bytes& spki) {
  for (const auto& o : objects)
    if (o.key && o.key->spki == spki) return &o;
  return nullptr;
}

[[noreturn]] void rejected(const std::string& detail) {
  spdlog::error("the delivered encryption key pair failed verification: {}", detail);
  throw FlowError(FlowError::Kind::certificate_rejected, flow_error("install.encryption_rejected"))
      .with_detail(detail);
}

CheckedDelivery check_delivery(const protocol::EncryptionKeyDelivery& delivery,
                               const x509::Certificate& new_signing,
                               const std::optional<Bytes>& old_encryption,
                               const pki::TrustOptions& trust) {
  CheckedDelivery checked;
  checked.certificate = delivery.certificate.der;
  try {
    checked.envelope = pki::decode_sm2_enveloped_key(delivery.envelope);
    checked.spki = pki::public_key_spki(checked.envelope);
  } catch (const pki::PkiError& e) {
    rejected(std::string("the envelope: ") + e.what());
  }
  const x509::Certificate& cert = delivery.certificate;
  if (!is_encryption_certificate(cert, token::KeyUsage::signing))
    rejected("the encryption certificate does not allow key or data encipherment");
  if (!cert.subject.same_as(new_signing.subject))
    rejected("the encryption certificate's subject is not the signing certificate's");
  // Compared with the previous encryption certificate when there is one; else the issuer check
  // and the key are what matter (the signing certificate's validity and usages differ).
  const Bytes& before = old_encryption ? *old_encryption : new_signing.der;
  const auto check =
      pki::verify_issued_certificate(checked.certificate, trust, checked.spki, before);
  std::string detail;
  for (const auto& f : check.failures) {
    const bool applies =
        old_encryption || (f.problem != pki::IssuedCertificateProblem::key_usage_dropped &&
                           f.problem != pki::IssuedCertificateProblem::validity_not_extended);
    if (applies) detail += std::string(pki::to_string(f.problem)) + ": " + f.detail + "\n";
  }
  if (!detail.empty()) rejected(detail);
  return checked;
}

}  // namespace

bool is_encryption_certificate(const x509::Certificate& certificate, token::KeyUsage listed) {
  if (listed == token::KeyUsage::encryption) return true;
  const auto& usage = certificate.key_usage;
  return (has(usage, "keyEncipherment") || has(usage, "dataEncipherment")) &&
         !has(usage, "digitalSignature") && !has(usage, "nonRepudiation");
}

std::optional<Bytes> encryption_partner(const std::vector<token::TokenObject>& objects,
                                        const x509::Certificate& signing,
                                        const std::optional<Bytes>& not_this) {
  std::optional<x509::Certificate> newest;
  for (const auto& o : objects) {
    if (!o.certificate || o.certificate->der == not_this) continue;
    try {
      x509::Certificate c = x509::parse_certificate(o.certificate->der);
      if (!is_encryption_certificate(c, o.usage) || !c.subject.same_as(signing.subject)) continue;
      if (!newest || c.not_after > newest->not_after) newest = std::move(c);
    } catch (const x509::CertificateError&) {  // unreadable: the inventory reports it
    }
  }
  if (!newest) return std::nullopt;
  return newest->der;
}

void pair_encryption_certificates(std::vector<CertificateEntry>& entries) {
  auto is_encryption = [](const CertificateEntry& e) { return e.encryption; };
  for (auto& signing : entries) {
    if (signing.encryption) continue;
    const CertificateEntry* newest = nullptr;
    for (const auto& e : entries)
      if (e.encryption && e.driver == signing.driver && e.token.id == signing.token.id &&
          e.certificate.subject.same_as(signing.certificate.subject) &&
          (!newest || e.certificate.not_after > newest->certificate.not_after))
        newest = &e;
    if (newest) signing.encryption_certificate = newest->der;
  }
  entries.erase(std::remove_if(entries.begin(), entries.end(), is_encryption), entries.end());
}

token::TokenInfo session_token_info(const TokenInventory& inventory, const std::string& token_id) {
  const auto token = inventory.find_token(token_id);
  if (!token)
    throw FlowError(FlowError::Kind::token_missing, flow_error("token.not_plugged_in", token_id));
  return token->info;
}

std::vector<CheckedDelivery> check_encryption_deliveries(const CertificateDownload& download,
                                                         const token::TokenInfo& token,
                                                         const Bytes& new_signing,
                                                         const std::optional<Bytes>& old_encryption,
                                                         const pki::TrustOptions& trust) {
  std::vector<const protocol::EncryptionKeyDelivery*> all;
  if (download.encryption) all.push_back(&*download.encryption);
  for (const auto& r : download.recovered) all.push_back(&r);
  if (all.empty()) return {};
  if (!token.can_hold_encryption_keys)
    throw FlowError(FlowError::Kind::token_failure, flow_error("install.no_encryption_keys"));
  const x509::Certificate signing = x509::parse_certificate(new_signing);
  std::vector<CheckedDelivery> checked;
  for (std::size_t i = 0; i < all.size(); ++i)
    // A recovered key is an earlier one: it is checked for its issuer and key, not as a renewal.
    checked.push_back(check_delivery(
        *all[i], signing, i == 0 && download.encryption ? old_encryption : std::nullopt, trust));
  return checked;
}

EncryptionWritten write_encryption_keys(token::Session& session,
                                        const token::ObjectId& new_signing_key_id,
                                        const std::vector<CheckedDelivery>& deliveries) {
  EncryptionWritten written;
  for (std::size_t i = 0; i < deliveries.size(); ++i) {
    const CheckedDelivery& d = deliveries[i];
    auto objects = session.objects();
    std::optional<token::ObjectId> id;
    if (const token::TokenObject* there = key_with_spki(objects, d.spki)) {
      id = there->id;  // imported by an earlier run, or kept from the lost token's recovery
    } else {
      try {
        id = session.import_enveloped_key(
            new_signing_key_id, d.envelope,
            x509::parse_certificate(d.certificate).subject.first("CN"));
      } catch (const token::TokenError& e) {
        // The token opened the envelope and it did not hold a matching pair: the CA's delivery
        // is bad (changed on the way, or sealed to another key); nothing was imported.
        if (e.code() == token::TokenErrc::data_invalid) rejected(e.what());
        if (i == 0 || e.code() != token::TokenErrc::object_exists) throw;
        written.not_stored.push_back(
            to_hex(x509::parse_certificate(d.certificate).sha256_fingerprint));
        continue;
      }
      objects = session.objects();
    }
    const auto listed = std::find_if(objects.begin(), objects.end(),
                                     [&](const token::TokenObject& o) { return o.id == *id; });
    if (listed == objects.end() || !listed->key || listed->key->spki != d.spki)
      throw FlowError(FlowError::Kind::token_failure, flow_error("install.read_back_differs"));
    if (!listed->certificate) {
      session.write_certificate(*id, token::KeyUsage::encryption,
                                x509::parse_certificate(d.certificate).subject.first("CN"),
                                d.certificate);
    } else if (listed->certificate->der != d.certificate) {
      throw FlowError(FlowError::Kind::token_failure, flow_error("install.slot_taken"));
    }
    // Read back: the pair and its certificate as the token lists them now.
    const auto after = session.objects();
    const auto back = std::find_if(after.begin(), after.end(),
                                   [&](const token::TokenObject& o) { return o.id == *id; });
    if (back == after.end() || !back->key || back->key->spki != d.spki || !back->certificate ||
        back->certificate->der != d.certificate || back->usage != token::KeyUsage::encryption)
      throw FlowError(FlowError::Kind::token_failure, flow_error("install.read_back_differs"));
    if (i == 0) written.id = id;
  }
  return written;
}

}  // namespace certrenew::client
